import { describe, expect, it } from 'vitest';
import { composeDocument, type DocumentPerson } from './documents';
import type { RecordedStep } from './step-rules';

const person: DocumentPerson = { name: '赵晓明', gender: 'male', birthDate: '2000-05-20', education: 'bachelor', orgName: '西官村党支部', committeeName: '中共城关镇委员会', formNumber: '610102202600001' };
const h = (step: number, date: string, fields: Record<string, unknown> = {}): RecordedStep => ({ step, date, fields, publicity: null });

describe('development documents', () => {
  it('publicity notice carries the subject and the dates', () => {
    const r = composeDocument('publicity', person, [], { today: '2026-09-29', publicity: { step: 7, start: '2026-09-30', end: '2026-10-12' } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.doc.title).toBe('关于赵晓明同志拟确定为发展对象的公示');
      expect(r.doc.paragraphs[1]).toContain('2026年9月30日至2026年10月12日');
    }
  });
  it('the branch resolution states the vote counted against those due', () => {
    const r = composeDocument('branchResolution', person, [h(15, '2025-09-01', { dueFullMembers: 10, presentFullMembers: 8, writtenYes: 1, yes: 6, no: 1, abstain: 1 })], { today: '2026-01-01' });
    expect(r.ok && r.doc.paragraphs.join('')).toContain('赞成7票（含因故不能到会党员书面表决1票）');
  });
  it('refuses a document whose step is not recorded yet', () => {
    expect(composeDocument('approval', person, [], { today: '2026-01-01' })).toEqual({ ok: false, message: '尚未记录第17步“上级党委审批”，不能生成审批意见' });
  });
});
