import { describe, expect, it } from 'vitest';
import { composeIdNumber, countIdNumberCandidates, idNumberBirthDate, idNumberCheckChar, maskIdNumber, maskPhone, parseIdNumber } from './id-number';
import { maskNumbersInText } from './sensitive-fields';

// 11010519491231002X is the standard's own worked example (check character X).
describe('parseIdNumber', () => {
  it('accepts a valid number with check character X and reads birth date and gender', () => {
    const r = parseIdNumber('11010519491231002X');
    expect(r).toEqual({ ok: true, value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' } });
  });

  it('normalizes a lower-case x and surrounding spaces', () => {
    const r = parseIdNumber(' 11010519491231002x ');
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
  });

  it('computes check characters per GB 11643 (mod 11 with weights)', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(parseIdNumber('440524188001010014').ok).toBe(false); // born before 1900: refused even with a right check digit
  });

  it('refuses a wrong check digit and says which one is expected', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r).toEqual({ ok: false, message: '身份证号校验码错误：最后一位应为 X，实际为 1' });
  });

  it('refuses wrong lengths, naming the length', () => {
    expect(parseIdNumber('11010519491231002')).toEqual({ ok: false, message: '身份证号应为18位，当前为17位' });
    expect(parseIdNumber('11010519491231002X1')).toMatchObject({ ok: false, message: expect.stringContaining('当前为19位') });
    expect(parseIdNumber('')).toMatchObject({ ok: false, message: expect.stringContaining('当前为0位') });
  });

  it('refuses letters before the last position', () => {
    expect(parseIdNumber('1101051949123100XX')).toMatchObject({ ok: false, message: expect.stringContaining('前17位须为数字') });
  });

  it('refuses an unknown region code', () => {
    const id = composeIdNumber('990101', '1990-01-01', 1, 'male');
    expect(parseIdNumber(id)).toEqual({ ok: false, message: '身份证号地区码“990101”无效' });
    const zero = composeIdNumber('000000', '1990-01-01', 1, 'male');
    expect(parseIdNumber(zero).ok).toBe(false);
  });

  it('refuses impossible birth dates (30 February, month 13, day 00) even with a correct check digit', () => {
    for (const bad of ['19900230', '19901301', '19900100', '19010229']) {
      const first17 = `610102${bad}001`;
      const id = first17 + idNumberCheckChar(first17);
      expect(parseIdNumber(id)).toEqual({ ok: false, message: `身份证号中的出生日期“${bad}”无效` });
    }
    // 29 February of a leap year is a real date.
    expect(parseIdNumber(composeIdNumber('610102', '2000-02-29', 3, 'male')).ok).toBe(true);
  });

  it('refuses a birth date after today, when today is given; the birthday itself is fine', () => {
    const id = composeIdNumber('610102', '2026-06-15', 1, 'male');
    expect(parseIdNumber(id, '2026-06-14')).toEqual({ ok: false, message: '身份证号中的出生日期 2026-06-15 晚于今天' });
    expect(parseIdNumber(id, '2026-06-15').ok).toBe(true);
    expect(parseIdNumber(id).ok).toBe(true);
  });

  it('reads gender from the 17th digit: odd male, even female', () => {
    for (let d = 0; d <= 9; d++) {
      const first17 = `6101021990010100${d}`;
      const r = parseIdNumber(first17 + idNumberCheckChar(first17));
      expect(r.ok && r.value.gender).toBe(d % 2 === 1 ? 'male' : 'female');
    }
  });
});

describe('composeIdNumber', () => {
  it('round-trips through parseIdNumber for both genders and many sequence numbers', () => {
    for (let seq = 0; seq < 120; seq++) {
      for (const gender of ['male', 'female'] as const) {
        const birthDate = `19${50 + (seq % 50)}-0${1 + (seq % 9)}-${String(1 + (seq % 28)).padStart(2, '0')}`;
        const id = composeIdNumber('610102', birthDate, seq, gender);
        expect(id).toHaveLength(18);
        expect(parseIdNumber(id)).toEqual({ ok: true, value: { idNumber: id, birthDate, gender } });
      }
    }
  });
});

describe('masking', () => {
  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('11010519491231002X', 'tail')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002X')).toBe('110105************');
  });
  it('masks short values entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('12345')).toBe('*****');
  });
  it('keeps the first three and last four of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('029-88881234')).toBe('029*****1234');
  });
});

describe('countIdNumberCandidates (the brute force behind the privacy rule)', () => {
  const id = composeIdNumber('610526', '1978-11-03', 51, 'male');
  it('finds exactly one number from the old display: first 6 + last 4 beside the full birth date', () => {
    expect(countIdNumberCandidates({ region: '610526', mask: maskIdNumber(id, 'tail'), bornFrom: '1978-11-03', bornTo: '1978-11-03', gender: 'male' })).toBe(1);
  });
  it('leaves 500 numbers from a clear birth date and gender alone (why the date is not kept in clear)', () => {
    expect(countIdNumberCandidates({ region: '610526', mask: '*'.repeat(18), bornFrom: '1978-11-03', bornTo: '1978-11-03', gender: 'male' })).toBe(500);
  });
  it('leaves days-in-month × 500 from the birth month and the region-only mask', () => {
    expect(countIdNumberCandidates({ region: '610526', mask: maskIdNumber(id), bornFrom: '1978-11-01', bornTo: '1978-11-30', gender: 'male' })).toBe(15000);
    expect(countIdNumberCandidates({ region: '610526', mask: maskIdNumber(id), bornFrom: '2023-02-01', bornTo: '2023-02-28', gender: 'female' })).toBe(14000);
  });
  it('counts a shown check character as one in eleven', () => {
    const n = countIdNumberCandidates({ region: '610526', mask: `${'*'.repeat(17)}${id[17]}`, bornFrom: '1978-11-01', bornTo: '1978-11-30', gender: 'male' });
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThan(1800);
  });
  it('reads the birth date out of an ID number', () => {
    expect(idNumberBirthDate(id)).toBe('1978-11-03');
    expect(idNumberBirthDate('610526197813331234')).toBeNull();
  });
});

describe('maskNumbersInText (外出联系方式)', () => {
  it('masks phones and ID numbers inside free text and leaves the rest', () => {
    expect(maskNumbersInText('13812345678（本人）')).toBe('138****5678（本人）');
    expect(maskNumbersInText('妻 0917-3214567，微信同号')).toBe('妻 091****4567，微信同号');
    expect(maskNumbersInText(`身份证 ${composeIdNumber('610526', '1978-11-03', 51, 'male')}`)).toBe('身份证 610526************');
    expect(maskNumbersInText('深圳宝安区 3 栋 502')).toBe('深圳宝安区 3 栋 502');
  });
});
