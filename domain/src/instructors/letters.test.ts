import { describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_TEMPLATES, LETTER_KINDS, checkLetterTemplate, missingLetters, renderLetter } from './letters';

const facts = { instructorName: '王建国', enterpriseName: '雁阵科技有限公司', townName: '城关镇', startDate: '2026-03-01', endDate: '2027-02-28' };

describe('两书一册 letters', () => {
  it('the default templates are valid and name the six duties and the time on site', () => {
    for (const k of LETTER_KINDS) expect(checkLetterTemplate(k, DEFAULT_LETTER_TEMPLATES[k])).toEqual([]);
    const target = renderLetter(DEFAULT_LETTER_TEMPLATES.target, facts).join('\n');
    expect(target).toContain('选派王建国同志担任雁阵科技有限公司党建工作指导员');
    expect(target).toContain('自2026年3月1日起至2027年2月28日止');
    expect(target).toContain('摸排、组织建设双同步、解决急难愁盼、评星晋级、争创双强、双建双促、联建共建');
    expect(target).toContain('每月利用1/3至1/2的时间');
    expect(target).not.toMatch(/[{}]/);
    expect(renderLetter(DEFAULT_LETTER_TEMPLATES.commitment, facts)[0]).toContain('雁阵科技有限公司（城关镇）');
  });

  it('an open-ended assignment and a missing town read naturally', () => {
    const lines = renderLetter('{企业}在{镇街}，至{结束日期}', { ...facts, townName: null, endDate: null });
    expect(lines).toEqual(['雁阵科技有限公司在所在镇街，至选派期满']);
  });

  it('blank lines are dropped, each line is a paragraph', () => {
    expect(renderLetter('甲{指导员}\n\n  \r\n乙', facts)).toEqual(['甲王建国', '乙']);
  });

  it('refuses an unknown placeholder, an unpaired brace, too short or too long a text, naming the letter', () => {
    expect(checkLetterTemplate('target', '本责任书由{指导员}与{公司名}签订')[0]).toContain('目标责任书模板中的占位符{公司名}不认识');
    expect(checkLetterTemplate('commitment', '本人{指导员郑重承诺，严守纪律')[0]).toContain('承诺书模板中有未配对的花括号');
    expect(checkLetterTemplate('target', '太短')).toEqual(['目标责任书模板至少10个字']);
    expect(checkLetterTemplate('target', '字'.repeat(4000))).toEqual([]);
    expect(checkLetterTemplate('target', '字'.repeat(4001))).toEqual(['目标责任书模板不能超过4000个字']);
  });

  it('lists the letters still unsigned', () => {
    expect(missingLetters({ target: false, commitment: false })).toEqual(['target', 'commitment']);
    expect(missingLetters({ target: true, commitment: false })).toEqual(['commitment']);
    expect(missingLetters({ target: true, commitment: true })).toEqual([]);
  });
});
