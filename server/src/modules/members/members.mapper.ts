// Turns a validated member input into its stored row: pinyin keys, encrypted ID number and phone, hashes and masks.
import { maskIdNumber, maskPhone, pinyinKeys, type MemberFields } from '@yanzhen/domain';
import type { FieldCrypto } from '../../core/crypto';
import type { members } from '../../db/schema/index';

export type MemberRow = typeof members.$inferSelect;
export type MemberInsert = typeof members.$inferInsert;

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
    birthDate: input.birthDate,
    idNumberEnc: crypto.encrypt(idNumber),
    idNumberHash: crypto.hash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    idTail: idNumber.slice(-4),
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
    mobileContact: input.mobileContact,
  } satisfies Partial<MemberInsert>;
}

/** The member's fields back from a row (decrypting ID number and phone) — for edits, audit diffs and exports. */
export function memberFields(row: MemberRow, crypto: FieldCrypto): MemberFields {
  return {
    name: row.name,
    gender: row.gender as MemberFields['gender'],
    ethnicity: row.ethnicity as MemberFields['ethnicity'],
    birthDate: row.birthDate,
    idNumber: crypto.decrypt(row.idNumberEnc),
    education: row.education as MemberFields['education'],
    occupation: row.occupation as MemberFields['occupation'],
    job: row.job,
    phone: row.phoneEnc ? crypto.decrypt(row.phoneEnc) : null,
    address: row.address,
    joinDate: row.joinDate,
    fullMembershipDate: row.fullMembershipDate,
    status: row.status as MemberFields['status'],
    categories: row.categories as MemberFields['categories'],
    mobileDestination: row.mobileDestination,
    mobileSince: row.mobileSince,
    mobileContact: row.mobileContact,
    orgId: row.orgId,
    groupId: row.groupId,
  };
}
