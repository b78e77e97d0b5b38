import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors';
import {
  DEFAULT_LEVEL_POINTS,
  assertNotOwnSignOff,
  assertShares,
  highestLevel,
  itemCentiPoints,
  levelTableProblems,
  nextStatus,
  quarterlyNotice,
  rankByPoints,
  shareProblems,
  splitByShares,
} from './rules';
import { richTextPlain, sanitizeRichText } from './sanitize';
import { ZPublicityDraft, ZRaise, ZSignOff } from './publicity.schemas';

const a = (memberId: string, share: number) => ({ memberId, share });

describe('points by adoption level', () => {
  it('counts the highest level once, never the sum', () => {
    expect(itemCentiPoints([])).toBe(0);
    expect(itemCentiPoints([{ level: 'county', points: 1 }])).toBe(100);
    expect(itemCentiPoints([{ level: 'county', points: 1 }, { level: 'province', points: 5 }])).toBe(500);
    // Scored under different table versions: still the best single one.
    expect(itemCentiPoints([{ level: 'city', points: 3.5 }, { level: 'province', points: 3 }])).toBe(350);
    expect(highestLevel(['city', 'county', 'national', 'province'])).toBe('national');
    expect(highestLevel([])).toBeNull();
  });
  it('refuses a level table that falls with the level or leaves 0–1000', () => {
    expect(levelTableProblems(DEFAULT_LEVEL_POINTS)).toEqual([]);
    expect(levelTableProblems({ county: 0, city: 0, province: 0, national: 1000 })).toEqual([]);
    expect(levelTableProblems({ county: 2, city: 1, province: 5, national: 10 })).toEqual(['市级媒体的分值不能低于县级平台']);
    expect(levelTableProblems({ county: -1, city: 1, province: 5, national: 1000.5 })).toHaveLength(2);
    expect(levelTableProblems({ county: 1.234, city: 3, province: 5, national: 10 })).toHaveLength(1);
  });
});

describe('author shares', () => {
  it('must add up to exactly 100%', () => {
    expect(shareProblems([a('x', 100)])).toEqual([]);
    expect(shareProblems([a('x', 60), a('y', 40)])).toEqual([]);
    expect(shareProblems([a('x', 60), a('y', 39)])).toEqual(['作者分成合计应为 100%，现为 99%']);
    expect(shareProblems([a('x', 60), a('y', 41)])).toEqual(['作者分成合计应为 100%，现为 101%']);
    expect(shareProblems([])).toEqual(['请至少填写一位作者']);
    expect(shareProblems([a('x', 0), a('y', 100)])[0]).toMatch('第1位作者的分成');
    expect(shareProblems([a('x', 50), a('x', 50)])).toEqual(['第2位作者重复填写']);
    expect(() => assertShares([a('x', 50)])).toThrow(/合计应为 100%/);
  });
  it('splits points exactly, the rounding remainder to the first authors', () => {
    expect(splitByShares(500, [a('x', 60), a('y', 40)])).toEqual([{ memberId: 'x', centi: 300 }, { memberId: 'y', centi: 200 }]);
    const thirds = splitByShares(100, [a('x', 34), a('y', 33), a('z', 33)]);
    expect(thirds.map((p) => p.centi)).toEqual([34, 33, 33]);
    const odd = splitByShares(101, [a('x', 50), a('y', 50)]);
    expect(odd.map((p) => p.centi)).toEqual([51, 50]);
    expect(splitByShares(0, [a('x', 100)])).toEqual([{ memberId: 'x', centi: 0 }]);
  });
});

describe('rankings', () => {
  it('uses competition ranking: ties share a rank and the next one skips (1, 1, 3)', () => {
    const r = rankByPoints([
      { name: '乙', centi: 500 },
      { name: '甲', centi: 500 },
      { name: '丙', centi: 300 },
      { name: '丁', centi: 0 },
      { name: '戊', centi: 0 },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['甲', 1],
      ['乙', 1],
      ['丙', 3],
      ['丁', 4],
      ['戊', 4],
    ]);
    expect(rankByPoints([])).toEqual([]);
  });
  it('praises the top ranks (ties at the cut included) and names the units below the line, lowest first', () => {
    const units = [
      { name: 'A', centi: 900 },
      { name: 'B', centi: 500 },
      { name: 'C', centi: 500 },
      { name: 'D', centi: 300 },
      { name: 'E', centi: 299 },
      { name: 'F', centi: 0 },
    ];
    const people = [{ name: '张', centi: 100 }, { name: '李', centi: 0 }];
    const n = quarterlyNotice(units, people, { praiseUnits: 2, praisePeople: 5, minUnitPoints: 3 });
    expect(n.praisedUnits.map((u) => u.name)).toEqual(['A', 'B', 'C']);
    expect(n.praisedPeople.map((p) => p.name)).toEqual(['张']);
    // 3 points exactly is on the line, not below it.
    expect(n.belowLine.map((u) => u.name)).toEqual(['F', 'E']);
    expect(quarterlyNotice([], [], { praiseUnits: 5, praisePeople: 5, minUnitPoints: 0 })).toEqual({ praisedUnits: [], praisedPeople: [], belowLine: [] });
  });
});

describe('the item steps', () => {
  it('goes draft → submitted → signed → adopted, with return and resubmit', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'edit')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('signed');
    expect(nextStatus('signed', 'adopt')).toBe('adopted');
    expect(nextStatus('adopted', 'raise')).toBe('adopted');
    expect(nextStatus('signed', 'decline')).toBe('declined');
  });
  it('refuses out-of-order steps in Chinese: an unsigned item cannot be adopted', () => {
    expect(() => nextStatus('submitted', 'adopt')).toThrow('稿件尚未经单位负责人审签');
    expect(() => nextStatus('draft', 'adopt')).toThrow(DomainError);
    expect(() => nextStatus('signed', 'raise')).toThrow('只有已采用的稿件才能提升采用级别');
    expect(() => nextStatus('adopted', 'edit')).toThrow('不能修改');
    expect(() => nextStatus('declined', 'adopt')).toThrow('“未采用”');
    expect(() => nextStatus('draft', 'approve')).toThrow('不能审签通过');
  });
  it('the writer cannot sign off their own item', () => {
    expect(() => assertNotOwnSignOff('acc1', 'acc1')).toThrow('不能审签自己报送的稿件');
    expect(() => assertNotOwnSignOff('acc1', 'acc2')).not.toThrow();
  });
});

describe('rich text and inputs', () => {
  it('keeps the allowlisted tags and platform images, drops scripts, handlers and other sources', () => {
    expect(sanitizeRichText('<p onclick="x()">你好<strong>世界</strong></p><script>alert(1)</script>')).toBe('<p>你好<strong>世界</strong></p>');
    expect(sanitizeRichText('<img src="javascript:alert(1)"><img src="/api/files/00000000-0000-4000-8000-000000000001/content" onerror="x">')).toBe(
      '<img src="/api/files/00000000-0000-4000-8000-000000000001/content">',
    );
    expect(sanitizeRichText('<a href="http://x">链接</a> 1 < 2')).toBe('链接 1 &lt; 2');
    expect(sanitizeRichText('<style>p{}</style><iframe src=x></iframe>正文<!-- c -->')).toBe('正文');
    expect(sanitizeRichText('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=">');
    expect(richTextPlain('<p>第一段</p><p>A &amp; B</p>')).toBe('第一段\nA & B');
  });
  it('validates a draft, a sign-off and a raise with Chinese messages', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(ZPublicityDraft.safeParse({ orgId: id, title: '稿件标题', body: '<p>正文</p>', authors: [{ memberId: id, share: 100 }] }).success).toBe(true);
    const bad = ZPublicityDraft.safeParse({ orgId: id, title: '稿\u0000件标题', body: 'x', authors: [] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['含有不可见的控制字符（如 NUL），请删除后重试', '请至少填写一位作者']);
    const ret = ZSignOff.safeParse({ decision: 'return', comment: '', version: 1 });
    expect(ret.success ? '' : ret.error.issues[0].message).toBe('退回时请填写修改意见');
    const raise = ZRaise.safeParse({ level: 'province', version: 1 });
    expect(raise.success ? '' : raise.error.issues[0].message).toBe('提升采用级别须附上刊发链接或扫描件');
    expect(ZRaise.safeParse({ level: 'province', link: 'ftp://x', version: 1 }).success).toBe(false);
  });
});
