import { describe, expect, it } from 'vitest';
import { SECRET_FIELDS } from '../members/sensitive-fields';
import { AUDIT_REDACTED_FIELDS, diffForAudit, redactAuditChanges } from './audit.schemas';

describe('audit redaction (one list with the mapper and the export)', () => {
  it('redacts every secret field of the shared list, 外出联系方式 included', () => {
    for (const f of SECRET_FIELDS) expect(AUDIT_REDACTED_FIELDS.has(f)).toBe(true);
    const d = diffForAudit({ phone: '13812345678', mobileContact: '13812345678（本人）', job: '村医' }, { phone: '13900001111', mobileContact: null, job: '村主任' });
    expect(d).toEqual({
      phone: { before: '（已加密）', after: '（已修改）' },
      mobileContact: { before: '（已加密）', after: null },
      job: { before: '村医', after: '村主任' },
    });
  });

  it('keeps birth dates to the month, and says when only the day changed', () => {
    expect(diffForAudit({ birthDate: '1978-11-03' }, { birthDate: '1978-12-03' })).toEqual({ birthDate: { before: '1978-11', after: '1978-12' } });
    expect(diffForAudit({ birthDate: '1978-11-03' }, { birthDate: '1978-11-04' })).toEqual({ birthDate: { before: '1978-11', after: '1978-11（日期已修改）' } });
  });

  it('redacts changes given as such, not only diffs', () => {
    expect(redactAuditChanges({ idNumber: { before: '610526197811035511', after: null }, orgName: { before: '甲', after: '乙' } })).toEqual({
      idNumber: { before: '（已加密）', after: null },
      orgName: { before: '甲', after: '乙' },
    });
  });
});
