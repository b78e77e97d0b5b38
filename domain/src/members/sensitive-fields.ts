// The one list of fields that hold an ID number or a phone, and of the birth date that rebuilds an ID number with the
// region code: the member mapper encrypts them, the audit writer redacts them, lists, details and exports mask them by role.
import type { IsoDate } from '../calendar/dates';
import { maskIdNumber, maskPhone } from './id-number';

/** Encrypted at rest (AES-GCM), masked unless the role has members.viewSensitive, never written to the audit log. */
export const SECRET_FIELDS = ['idNumber', 'phone', 'mobileContact'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * The exact birth date: in clear only to the month (database column, audit log, roles without members.viewSensitive).
 * The exact date is digits 7–14 of the encrypted ID number.
 */
export const BIRTH_DATE_FIELDS = ['birthDate'] as const;

export const isSecretField = (key: string): key is SecretField => (SECRET_FIELDS as readonly string[]).includes(key);
export const isBirthDateField = (key: string): boolean => (BIRTH_DATE_FIELDS as readonly string[]).includes(key);

/** `1978-11-03` → `1978-11` (出生年月). */
export const birthMonthOf = (date: IsoDate): string => date.slice(0, 7);
/** `1978-11` or `1978-11-03` → `1978-11-01`, the value of the clear `birth_month` column. */
export const birthMonthColumn = (dateOrMonth: string): IsoDate => `${dateOrMonth.slice(0, 7)}-01`;

/**
 * Masks every phone or ID number inside a free text (外出联系方式 such as “13812345678（本人）”): a run of 7+ digits
 * keeps its first 3 and last 4 (a phone), a run of 15+ only its first 6 (an ID number).
 */
export function maskNumbersInText(text: string): string {
  return text.replace(/\d[\d-]{5,}[\dXx]/g, (run) => {
    const digits = run.replace(/-/g, '');
    if (digits.length < 7) return run;
    return digits.length >= 15 ? maskIdNumber(digits.toUpperCase(), 'region') : maskPhone(digits);
  });
}
