// Turns a validated member input into its stored row and back: pinyin keys; ID number, phone and 外出联系方式
// encrypted (SECRET_FIELDS) with keyed hashes for lookup; the birth date in clear only to the month.
import {
  birthMonthColumn,
  birthMonthOf,
  idNumberBirthDate,
  maskIdNumber,
  maskNumbersInText,
  maskPhone,
  pinyinKeys,
  yearsBetween,
  type IsoDate,
  type MemberFields,
  type MemberSensitive,
  type SecretField,
} from '@yanzhen/domain';
import type { FieldCrypto } from '../../core/crypto';
import type { members } from '../../db/schema/index';

export type MemberRow = typeof members.$inferSelect;
export type MemberInsert = typeof members.$inferInsert;

// At most 11,000 tails exist (4 characters, the last one a digit or X): their hashes are computed once per key, so
// the demo county and big imports pay one HMAC per distinct tail, not per member.
const tailHashes = new WeakMap<FieldCrypto, Map<string, string>>();

/** The keyed hash of an ID number's last 4 characters (search by tail); never the 4 characters in clear. */
export function idTailHash(crypto: FieldCrypto, tail: string): string {
  const key = tail.toUpperCase();
  let known = tailHashes.get(crypto);
  if (!known) tailHashes.set(crypto, (known = new Map()));
  let h = known.get(key);
  if (h === undefined) known.set(key, (h = crypto.hash(`idTail:${key}`)));
  return h;
}

/** The row's columns for a member's fields (no id, county, org path, timestamps or version). */
export function memberColumns(input: MemberFields, crypto: FieldCrypto) {
  const keys = pinyinKeys(input.name);
  const idNumber = input.idNumber.trim().toUpperCase();
  return {
    orgId: input.orgId,
    groupId: input.groupId,
    name: input.name,
    nameInitials: keys.initials,
    namePinyin: keys.full,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthMonth: birthMonthColumn(input.birthDate),
    idNumberEnc: crypto.encrypt(idNumber),
    idNumberHash: crypto.hash(idNumber),
    idTailHash: idTailHash(crypto, idNumber.slice(-4)),
    phoneEnc: input.phone ? crypto.encrypt(input.phone) : null,
    phoneHash: input.phone ? crypto.hash(input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    phoneTail: input.phone ? input.phone.slice(-4) : null,
    education: input.education,
    occupation: input.occupation,
    job: input.job,
    address: input.address,
    joinDate: input.joinDate,
    fullMembershipDate: input.fullMembershipDate,
    status: input.status,
    categories: input.categories,
    mobileDestination: input.mobileDestination,
    mobileSince: input.mobileSince,
    mobileContactEnc: input.mobileContact ? crypto.encrypt(input.mobileContact) : null,
  } satisfies Partial<MemberInsert>;
}

/** The ciphertext columns of each secret field (an unchanged field keeps its ciphertext on update). */
export const SECRET_COLUMNS: Record<SecretField, 'idNumberEnc' | 'phoneEnc' | 'mobileContactEnc'> = {
  idNumber: 'idNumberEnc',
  phone: 'phoneEnc',
  mobileContact: 'mobileContactEnc',
};

type SecretColumns = Pick<MemberRow, 'idNumberEnc' | 'phoneEnc' | 'mobileContactEnc' | 'birthMonth'>;

/** The unmasked ID number, phone, 外出联系方式 and exact birth date (digits 7–14 of the ID number). */
export function memberSecrets(row: SecretColumns, crypto: FieldCrypto): MemberSensitive {
  const idNumber = crypto.decrypt(row.idNumberEnc);
  return {
    idNumber,
    phone: row.phoneEnc ? crypto.decrypt(row.phoneEnc) : null,
    mobileContact: row.mobileContactEnc ? crypto.decrypt(row.mobileContactEnc) : null,
    birthDate: idNumberBirthDate(idNumber) ?? row.birthMonth,
  };
}

/** The member's fields from a row and the values standing in for its secrets (decrypted, or masked for an export). */
export function memberFieldsWith(row: MemberRow, secrets: MemberSensitive): MemberFields {
  return {
    name: row.name,
    gender: row.gender as MemberFields['gender'],
    ethnicity: row.ethnicity as MemberFields['ethnicity'],
    birthDate: secrets.birthDate,
    idNumber: secrets.idNumber,
    education: row.education as MemberFields['education'],
    occupation: row.occupation as MemberFields['occupation'],
    job: row.job,
    phone: secrets.phone,
    address: row.address,
    joinDate: row.joinDate,
    fullMembershipDate: row.fullMembershipDate,
    status: row.status as MemberFields['status'],
    categories: row.categories as MemberFields['categories'],
    mobileDestination: row.mobileDestination,
    mobileSince: row.mobileSince,
    mobileContact: secrets.mobileContact,
    orgId: row.orgId,
    groupId: row.groupId,
  };
}

/** The member's fields back from a row (decrypting the secrets) — for edits, audit diffs and the full export. */
export const memberFields = (row: MemberRow, crypto: FieldCrypto): MemberFields => memberFieldsWith(row, memberSecrets(row, crypto));

/**
 * What every list, detail and masked export shows of the secret fields, whatever the role: the ID number's region
 * code only, the birth month, the age counted from the month, masked phones. The full values come only from the
 * audited /sensitive view (members.viewSensitive). docs/DATA-MODEL.md has the count of ID numbers this leaves possible.
 */
export function maskedMemberView(row: Pick<MemberRow, 'idNumberEnc' | 'phoneMasked' | 'birthMonth'>, crypto: FieldCrypto, today: IsoDate) {
  return {
    birthMonth: birthMonthOf(row.birthMonth),
    age: yearsBetween(row.birthMonth, today),
    idNumberMasked: maskIdNumber(crypto.decrypt(row.idNumberEnc), 'region'),
    phoneMasked: row.phoneMasked,
  };
}

/** 外出联系方式 as details and masked exports show it: every phone or ID number in the text masked. */
export function maskedMobileContact(row: Pick<MemberRow, 'mobileContactEnc'>, crypto: FieldCrypto): string | null {
  const text = row.mobileContactEnc ? crypto.decrypt(row.mobileContactEnc) : null;
  return text ? maskNumbersInText(text) : null;
}
