import { describe, expect, it } from 'vitest';
import { composeDocument, defaultPublicityStep, type DocumentPerson } from './documents';
import type { RecordedStep } from './step-rules';

const person: DocumentPerson = { name: '赵晓明', gender: 'male', birthMonth: '2000-05', education: 'bachelor', orgName: '西官村党支部', committeeName: '中共城关镇委员会', formNumber: '610102202600001' };
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

describe('development documents: dates from the record', () => {
  const pub = (step: number, start: string, end: string): RecordedStep => ({ step, date: end, fields: {}, publicity: { start, end, result: 'noObjection' } });
  it('a publicity already held shows its recorded dates, not today', () => {
    const history = [h(1, '2024-01-10'), pub(3, '2024-07-01', '2024-07-05')];
    const r = composeDocument('publicity', person, history, { today: '2026-11-26', publicity: { step: 3, start: '2026-11-26', end: '2026-12-02', minWorkingDays: 5 } });
    expect(r.ok && r.doc.paragraphs[1]).toBe('公示时间：2024年7月1日至2024年7月5日（不少于5个工作日）。');
    expect(r.ok && r.doc.date).toBe('2024-07-01');
  });
  it('the working-day minimum comes from the rule set', () => {
    const r = composeDocument('publicity', person, [], { today: '2026-11-26', publicity: { step: 7, start: '2026-11-26', end: '2026-12-04', minWorkingDays: 7 } });
    expect(r.ok && r.doc.paragraphs[1]).toContain('（不少于7个工作日）');
  });
  it('the default publicity is the next one, or the last one once all are past', () => {
    expect(defaultPublicityStep(2, [3, 7, 13, 23])).toBe(3);
    expect(defaultPublicityStep(12, [3, 7, 13, 23])).toBe(13);
    expect(defaultPublicityStep(25, [3, 7, 13, 23])).toBe(23);
  });
  it('the conversion notice names the date 党龄 starts, and does not call a conversion after an extension on time', () => {
    const onTime = composeDocument('conversionNotice', person, [h(15, '2025-09-01'), h(23, '2026-09-01', { outcome: 'onTime' }), h(24, '2026-09-20')], { today: '2026-11-26', probationEnd: '2026-09-01' });
    expect(onTime.ok && onTime.doc.paragraphs[1]).toContain('同意赵晓明同志按期转为中共正式党员，党龄自2026年9月1日算起');
    const extended = composeDocument('conversionNotice', person, [h(15, '2025-09-01'), h(23, '2026-09-01', { outcome: 'extend', extensionMonths: 6 }), h(23, '2027-03-01', { outcome: 'onTime' }), h(24, '2027-03-10')], { today: '2027-03-10', probationEnd: '2027-03-01' });
    expect(extended.ok && extended.doc.paragraphs[1]).toContain('在延长预备期满后转为中共正式党员，党龄自2027年3月1日算起');
    expect(extended.ok && extended.doc.paragraphs[1]).not.toContain('按期');
  });
});
