import { describe, expect, it } from 'vitest';
import { stepFieldText } from './step-field-text';

describe('step field text on the timeline', () => {
  it('shows labels, not codes', () => {
    expect(stepFieldText('recommendations', ['memberRecommendation', 'massOrgRecommendation'])).toBe('党员推荐、群团组织推优');
    expect(stepFieldText('outcome', 'extend')).toBe('延长预备期');
    expect(stepFieldText('proposal', 'cancel')).toBe('取消预备党员资格');
    expect(stepFieldText('departmentsConsulted', ['discipline', 'court'])).toBe('纪检监察机关、人民法院');
    expect(stepFieldText('negativeListHits', ['gangs'], { negativeList: [{ key: 'gangs', label: '涉黑涉恶' }] })).toBe('涉黑涉恶');
  });
  it('names the mentors and sponsors', () => {
    expect(stepFieldText('groupId', 'g1', { groups: { g1: '第一党小组' } })).toBe('第一党小组');
    expect(stepFieldText('sponsorMemberIds', ['a', 'b'], { people: { a: '王芳', b: '李娜' } })).toBe('王芳、李娜');
  });
  it('says 无 for an empty list and nothing for a missing value', () => {
    expect(stepFieldText('negativeListHits', [])).toBe('无');
    expect(stepFieldText('specialReason', null)).toBeNull();
    expect(stepFieldText('special', false)).toBe('否');
  });
});
