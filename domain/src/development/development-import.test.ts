import { describe, expect, it } from 'vitest';
import { parseFormNumber } from './development-import';

describe('form numbers carried by an import (一人一号)', () => {
  it('county code + year + 5-digit sequence', () => {
    expect(parseFormNumber('610102202500007', '610102')).toEqual({ ok: true, year: 2025, seq: 7 });
    expect(parseFormNumber('61010220250007', '610102')).toMatchObject({ ok: false });
    expect(parseFormNumber('610102202500007x', '610102')).toMatchObject({ ok: false });
    expect(parseFormNumber('610199202500007', '610102')).toEqual({ ok: false, message: '入党志愿书编号应以本县代码 610102 开头' });
    expect(parseFormNumber('610102202500000', '610102')).toEqual({ ok: false, message: '入党志愿书编号的序号不能为 00000' });
    expect(parseFormNumber('610102198900001', '610102')).toMatchObject({ ok: false });
  });
});
