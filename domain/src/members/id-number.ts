// Resident ID numbers (GB 11643-1999): 18 characters, a check character, and birth date and gender encoded.
import { addDays, isValidIsoDate, type IsoDate } from '../calendar/dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// First two digits: province-level region codes in use.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83, 91,
]);

export type Gender = 'male' | 'female';

export type IdNumberInfo = { idNumber: string; birthDate: IdDate; gender: Gender };
type IdDate = IsoDate;

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Normalizes (trim, upper-case x) and validates an ID number; the message says what is wrong, in Chinese. */
export function parseIdNumber(raw: string, today?: IsoDate): IdNumberResult {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, message: `身份证号应为18位，当前为${s.length}位` };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, message: '身份证号前17位须为数字，最后一位为数字或X' };
  if (!PROVINCE_CODES.has(Number(s.slice(0, 2)))) return { ok: false, message: `身份证号地区码“${s.slice(0, 6)}”无效` };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || Number(s.slice(6, 10)) < 1900) {
    return { ok: false, message: `身份证号中的出生日期“${s.slice(6, 14)}”无效` };
  }
  if (today && birthDate > today) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  const expected = idNumberCheckChar(s.slice(0, 17));
  if (s[17] !== expected) return { ok: false, message: `身份证号校验码错误：最后一位应为 ${expected}，实际为 ${s[17]}` };
  const gender: Gender = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: s, birthDate, gender } };
}

/**
 * The ID number as a list shows it. `tail` (roles with members.viewSensitive, who may see it in full anyway):
 * `610102********1234`. `region` (every other role): only the region code, which the county's attacker knows anyway,
 * `610102************` — with the birth month beside it ~15,000 numbers stay possible (docs/DATA-MODEL.md).
 */
export function maskIdNumber(idNumber: string, level: 'tail' | 'region' = 'region'): string {
  if (idNumber.length < 10) return '*'.repeat(idNumber.length);
  if (level === 'region') return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 6);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

/** The birth date encoded in an ID number (digits 7–14), or null when they are not a date. */
export function idNumberBirthDate(idNumber: string): IsoDate | null {
  const d = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return isValidIsoDate(d) ? d : null;
}

/**
 * How many valid ID numbers (GB 11643 check character) agree with what someone knows: the region code, the
 * characters a mask shows (`*` = hidden), a window of birth dates and the gender. The brute force behind the privacy
 * rule "at least 1,000 numbers stay possible" (docs/DATA-MODEL.md).
 */
export function countIdNumberCandidates(k: { region: string; mask: string; bornFrom: IsoDate; bornTo: IsoDate; gender: Gender | null }): number {
  const shown = [...k.mask].map((c, i) => (c === '*' ? null : { i, c })).filter((x): x is { i: number; c: string } => x !== null && x.i >= 6);
  let n = 0;
  for (let day = k.bornFrom; day <= k.bornTo; day = addDays(day, 1)) {
    const prefix = k.region + day.replaceAll('-', '');
    for (let seq = 0; seq < 1000; seq++) {
      if (k.gender && (seq % 2 === 1) !== (k.gender === 'male')) continue;
      const first17 = prefix + String(seq).padStart(3, '0');
      const id = first17 + idNumberCheckChar(first17);
      if (shown.every(({ i, c }) => id[i] === c)) n++;
    }
  }
  return n;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Builds a valid ID number from its parts (region code, birth date, 2-digit sequence, gender) — for generators and tests. */
export function composeIdNumber(region: string, birthDate: IsoDate, seq: number, gender: Gender): string {
  const genderDigit = (seq % 5) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}${genderDigit}`;
  return first17 + idNumberCheckChar(first17);
}
