// Issue 9 item 1: from what a role without members.viewSensitive can see, and from every clear column of the
// database, at least 1,000 valid ID numbers stay possible for every member — counted by brute force.
import {
  ROLES,
  addDays,
  addMonths,
  addYears,
  birthMonthOf,
  composeIdNumber,
  countIdNumberCandidates,
  hasPermission,
  toChinaDate,
  type Gender,
  type IsoDate,
  type Role,
} from '@yanzhen/domain';
import { eq, sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../core/db';
import { auditLog, members } from '../../db/schema/index';
import { fileBody } from '../development/development.fixtures';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { backfillMemberSecrets } from './members-privacy.backfill';

let env: TestEnv;
afterEach(async () => env?.close());

const MIN_CANDIDATES = 1000;

type Truth = { id: string; idNumber: string; birthDate: IsoDate; gender: Gender; joinDate: IsoDate; name: string };

/**
 * The ID numbers still possible for a member given texts an attacker holds: the county's region code (known anyway),
 * the gender, any ID-like mask in the texts (its shown characters), the birth date if it appears in full, else the
 * birth month if it appears, and the rule that members join at 18 or later.
 */
function candidatesFrom(texts: string[], t: Truth, today: IsoDate): number {
  const all = texts.join('\n');
  let from: IsoDate = '1900-01-01';
  let to: IsoDate = today;
  const compact = t.birthDate.replaceAll('-', '');
  const cn = `${Number(t.birthDate.slice(0, 4))}年${Number(t.birthDate.slice(5, 7))}月${Number(t.birthDate.slice(8, 10))}日`;
  if (all.includes(t.birthDate) || all.includes(compact) || all.includes(cn)) from = to = t.birthDate;
  else {
    const month = birthMonthOf(t.birthDate);
    const cnMonth = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
    if (all.includes(month) || all.includes(cnMonth)) {
      from = `${month}-01`;
      to = addDays(addMonths(from, 1), -1);
    } else if (all.includes(t.birthDate.slice(0, 4))) {
      from = `${t.birthDate.slice(0, 4)}-01-01`;
      to = `${t.birthDate.slice(0, 4)}-12-31`;
    }
  }
  // Joining at 18 or later: born on or before the join date 18 years back.
  const latest = addYears(t.joinDate, -18);
  if (latest < to) to = latest;
  // Every ID-like string in the texts of this region: the characters it shows are known.
  let mask = '*'.repeat(18);
  for (const m of all.matchAll(/\d{6}[\dX*]{12}/g)) {
    const s = m[0];
    if (s.slice(0, 6) !== t.idNumber.slice(0, 6)) continue;
    mask = [...mask].map((c, i) => (s[i] !== '*' ? s[i] : c)).join('');
  }
  return countIdNumberCandidates({ region: t.idNumber.slice(0, 6), mask, bornFrom: from, bornTo: to, gender: t.gender });
}

async function json(s: Session, url: string): Promise<string> {
  const res = await s.get(url);
  expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
  return res.body;
}

async function docxText(s: Session, url: string): Promise<string> {
  const res = await s.get(url);
  if (res.statusCode !== 200) return '';
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

async function xlsxText(s: Session, url: string): Promise<string> {
  const res = await s.get(url);
  expect(res.statusCode, url).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
  return parts.join('\n');
}

/** Members with awkward birth dates: a short month, the last day of a month, joining days after turning 18. */
async function seed(e: TestEnv): Promise<Truth[]> {
  const { ctx, base } = e;
  const people = [
    { name: '甲短月', gender: 'female' as const, birthDate: '1996-02-27', joinDate: '2020-07-01', phone: '13912340001', mobileContact: '13912340001（本人）' },
    { name: '乙月末', gender: 'male' as const, birthDate: '1978-11-30', joinDate: '2001-07-01', phone: null, mobileContact: null },
    { name: '丙十八', gender: 'male' as const, birthDate: '2000-02-20', joinDate: '2018-02-25', phone: '13700002222', mobileContact: '妻 13700003333' },
  ];
  const out: Truth[] = [];
  for (const [i, p] of people.entries()) {
    const idNumber = composeIdNumber('610102', p.birthDate, 60 + i, p.gender);
    const categories = p.mobileContact ? (['mobile'] as const) : ([] as const);
    const id = await buildMember(ctx, base.countyId, base.branch1, {
      ...p, idNumber, status: 'full', fullMembershipDate: addYears(p.joinDate, 1) > toChinaDate(ctx.clock()) ? null : addYears(p.joinDate, 1),
      categories: [...categories], mobileDestination: p.mobileContact ? '广东省深圳市' : null, mobileSince: p.mobileContact ? '2024-03-01' : null,
    });
    out.push({ id, idNumber, birthDate: p.birthDate, gender: p.gender, joinDate: p.joinDate, name: p.name });
  }
  const [m1] = await ctx.db.select().from(members).where(eq(members.id, base.member1Id));
  const m1Id = ctx.crypto.decrypt(m1.idNumberEnc);
  out.push({ id: m1.id, idNumber: m1Id, birthDate: `${m1Id.slice(6, 10)}-${m1Id.slice(10, 12)}-${m1Id.slice(12, 14)}`, gender: m1.gender as Gender, joinDate: m1.joinDate, name: m1.name });
  return out;
}

describe('ID numbers cannot be rebuilt (issue 9 item 1)', () => {
  it('leaves at least 1,000 valid ID numbers per member from what each role without viewSensitive sees', async () => {
    env = await createTestEnv();
    const truths = await seed(env);
    const today = toChinaDate(env.ctx.clock());
    const secretary = await env.as('branchSecretary');
    // Edits and a move put birth dates, phones and contacts through the audit log (the member history shows it).
    const target = truths[0];
    const sens = (await secretary.get(`/api/members/${target.id}/sensitive`)).json();
    const d = (await secretary.get(`/api/members/${target.id}`)).json();
    const put = await secretary.put(`/api/members/${target.id}`, {
      name: d.name, gender: d.gender, ethnicity: d.ethnicity, birthDate: sens.birthDate, idNumber: sens.idNumber, education: d.education, occupation: d.occupation,
      job: '教师', phone: '13912349999', address: d.address, joinDate: d.joinDate, fullMembershipDate: d.fullMembershipDate, status: d.status, categories: d.categories,
      mobileDestination: d.mobileDestination, mobileSince: d.mobileSince, mobileContact: '13912348888', orgId: d.orgId, groupId: d.groupId, version: d.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    // A development file of someone in the instructor's town: list, detail and Word documents.
    const devBirth = '2001-02-14';
    const devId = composeIdNumber('610102', devBirth, 77, 'female');
    const file = await secretary.post('/api/development/files', fileBody(env.base.branch1.id, 1, { name: '丁发展', gender: 'female', birthDate: devBirth, idNumber: devId }));
    expect(file.statusCode, file.body).toBe(200);
    const devTruth: Truth = { id: file.json().id, idNumber: devId, birthDate: devBirth, gender: 'female', joinDate: addYears(devBirth, 18), name: '丁发展' };

    const lacking = ROLES.filter((r) => !hasPermission(r, 'members.viewSensitive'));
    expect(lacking).toEqual(['instructor', 'member']);
    const counts: Record<string, Record<string, number>> = {};
    for (const role of lacking as Role[]) {
      const s = await env.as(role);
      const seen = new Map<string, string[]>();
      const add = (id: string, text: string) => seen.set(id, [...(seen.get(id) ?? []), text]);
      if (hasPermission(role, 'members.read')) {
        const list = await json(s, '/api/members?pageSize=100');
        for (const sort of ['birthDate', '-birthDate']) add('*', await json(s, `/api/members?pageSize=100&sort=${sort}`));
        for (const t of truths) {
          add(t.id, list);
          add(t.id, await json(s, `/api/members/${t.id}`));
          add(t.id, await json(s, `/api/members/${t.id}/history`));
          // Search by tail or ID number would confirm guesses: refused to this role.
          expect((await s.get(`/api/members?q=${t.idNumber.slice(-4)}`)).statusCode).toBe(403);
          expect((await s.get(`/api/members?q=${t.idNumber}`)).statusCode).toBe(403);
        }
      }
      if (hasPermission(role, 'self.read')) {
        const mine = await s.get('/api/me/member');
        if (mine.statusCode === 200) add(mine.json().id, mine.body);
      }
      if (hasPermission(role, 'development.read')) {
        const list = await json(s, '/api/development/files?pageSize=100');
        add(devTruth.id, list);
        add(devTruth.id, await json(s, `/api/development/files/${devTruth.id}`));
        const docs = await Promise.all(['publicity', 'filingForm', 'preReviewRequest'].map((kind) => docxText(s, `/api/development/files/${devTruth.id}/documents/${kind}?step=3`)));
        expect(docs[0]).toContain('丁发展'); // the publicity notice renders, with 出生年月
        expect(docs[0]).toContain('2001年2月');
        for (const doc of docs) add(devTruth.id, doc);
        add(devTruth.id, await xlsxText(s, '/api/development/export'));
      }
      counts[role] = {};
      for (const t of [...truths, devTruth]) {
        const texts = seen.get(t.id);
        if (!texts) continue;
        const n = candidatesFrom([...texts, ...(seen.get('*') ?? [])], t, today);
        counts[role][t.name] = n;
        expect(n, `${role} / ${t.name}`).toBeGreaterThanOrEqual(MIN_CANDIDATES);
      }
    }
    // The instructor saw every member of the town and the development file; the member their own record.
    expect(Object.keys(counts.instructor)).toHaveLength(truths.length + 1);
    expect(Object.keys(counts.member)).toEqual(['李建国']);

    // The default (masked) export — the file that leaves the system — for every member.
    const exportText = await xlsxText(await env.as('committeeAdmin'), '/api/members/export');
    for (const t of truths) expect(candidatesFrom([exportText], t, today), `export / ${t.name}`).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    console.log('ID numbers still possible, per role and member:', JSON.stringify(counts));
  });

  it('leaves at least 1,000 valid ID numbers per member from every clear column of the database (audit log included)', async () => {
    env = await createTestEnv();
    const truths = await seed(env);
    const today = toChinaDate(env.ctx.clock());
    const secretary = await env.as('branchSecretary');
    const devBirth = '2001-02-14';
    const devId = composeIdNumber('610102', devBirth, 78, 'female');
    const file = (await secretary.post('/api/development/files', fileBody(env.base.branch1.id, 2, { name: '丁发展', gender: 'female', birthDate: devBirth, idNumber: devId }))).json();
    await secretary.post('/api/development/prospects', { orgId: env.base.branch1.id, name: '戊意向', gender: 'male', birthDate: '2003-02-03', source: 'youngTalent', note: null });
    // Every column that is not a ciphertext or a keyed hash, of every table holding people.
    const clearColumns = async (table: string) => {
      const cols = await queryRows<{ column_name: string }>(env.ctx.db, sql`select column_name from information_schema.columns where table_name = ${table} and column_name not like '%\\_enc' and column_name not like '%\\_hash'`);
      return cols.map((c) => c.column_name);
    };
    const rowsOf = async (table: string) => {
      const cols = await clearColumns(table);
      return queryRows<Record<string, unknown>>(env.ctx.db, sql.raw(`select ${cols.map((c) => `"${c}"::text as "${c}"`).join(', ')} from "${table}"`));
    };
    const memberRows = await rowsOf('members');
    const fileRows = await rowsOf('development_files');
    const prospectRows = await rowsOf('development_prospects');
    const audit = await env.ctx.db.select().from(auditLog);
    const auditText = (id: string) => audit.filter((a) => a.entityId === id).map((a) => JSON.stringify(a));
    expect(Object.keys(memberRows[0])).not.toContain('birth_date');
    expect(Object.keys(memberRows[0])).not.toContain('id_number_masked');
    for (const t of truths) {
      const row = memberRows.find((r) => r.id === t.id)!;
      const n = candidatesFrom([JSON.stringify(row), ...auditText(t.id)], t, today);
      expect(n, t.name).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    }
    const devRow = fileRows.find((r) => r.id === file.id)!;
    const dev: Truth = { id: file.id, idNumber: devId, birthDate: devBirth, gender: 'female', joinDate: addYears(devBirth, 18), name: '丁发展' };
    expect(candidatesFrom([JSON.stringify(devRow), ...auditText(file.id), JSON.stringify(prospectRows)], dev, today)).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    // No clear column holds a phone or an exact birth date.
    const everything = JSON.stringify([memberRows, fileRows, prospectRows, audit]);
    for (const secret of ['13912340001', '13700003333', ...truths.map((t) => t.birthDate), devBirth, '2003-02-03']) expect(everything).not.toContain(secret);
  });

  it('fills the keyed columns of rows written before them at start-up: the ID tail hash', async () => {
    env = await createTestEnv();
    const [t] = await seed(env);
    await env.ctx.db.update(members).set({ idTailHash: null }).where(eq(members.id, t.id));
    expect(await backfillMemberSecrets(env.ctx)).toEqual({ tails: 1, contacts: 0 });
    const s = await env.as('branchSecretary');
    expect((await s.get(`/api/members?q=${t.idNumber.slice(-4)}`)).json().items.map((i: { id: string }) => i.id)).toContain(t.id);
    expect(await backfillMemberSecrets(env.ctx)).toEqual({ tails: 0, contacts: 0 });
  });

  it('drops the clear members.mobile_contact (migration 0026), keeping a clear contact left in it for the start-up encryption', async () => {
    env = await createTestEnv();
    const [t, u] = await seed(env);
    const columns = async () => (await queryRows<{ c: string }>(env.ctx.db, sql`select column_name as c from information_schema.columns where table_name = 'members'`)).map((r) => r.c);
    expect(await columns()).not.toContain('mobile_contact');
    // A database as it was before 0026, never started since 0011: a clear contact in the old column.
    const migration = fs.readFileSync(path.resolve(__dirname, '../../db/migrations/0026_drop_clear_mobile_contact.sql'), 'utf8');
    try {
      await env.ctx.db.execute(sql`alter table members add column mobile_contact text`);
      await env.ctx.db.execute(sql`update members set mobile_contact = '13500001111（本人）', mobile_contact_enc = null where id = ${u.id}`);
      for (const statement of migration.split('--> statement-breakpoint')) await env.ctx.db.execute(sql.raw(statement));
      expect(await columns()).not.toContain('mobile_contact');
      expect(await backfillMemberSecrets(env.ctx)).toEqual({ tails: 0, contacts: 1 });
    } finally {
      await env.ctx.db.execute(sql`alter table members drop column if exists mobile_contact`);
      await env.ctx.db.execute(sql`drop table if exists members_mobile_contact_pending`);
    }
    const [row] = await env.ctx.db.select().from(members).where(eq(members.id, u.id));
    expect(env.ctx.crypto.decrypt(row.mobileContactEnc!)).toBe('13500001111（本人）');
    expect((await queryRows<{ t: string | null }>(env.ctx.db, sql`select to_regclass('members_mobile_contact_pending')::text as t`))[0].t).toBeNull();
    const s = await env.as('branchSecretary');
    expect((await s.get(`/api/members/${u.id}`)).json().mobileContactMasked).toBe('135****1111（本人）');
    expect((await s.get(`/api/members/${t.id}`)).json().mobileContactMasked).toBe('139****0001（本人）');
    expect(await backfillMemberSecrets(env.ctx)).toEqual({ tails: 0, contacts: 0 });
  });

  it('stores no phone in clear and shows none to a role without members.viewSensitive (lists, details, history, exports)', async () => {
    env = await createTestEnv();
    const truths = await seed(env);
    const secretary = await env.as('branchSecretary');
    const target = truths[2];
    const sens = (await secretary.get(`/api/members/${target.id}/sensitive`)).json();
    expect(sens).toMatchObject({ phone: '13700002222', mobileContact: '妻 13700003333' });
    const d = (await secretary.get(`/api/members/${target.id}`)).json();
    const put = await secretary.put(`/api/members/${target.id}`, {
      name: d.name, gender: d.gender, ethnicity: d.ethnicity, birthDate: sens.birthDate, idNumber: sens.idNumber, education: d.education, occupation: d.occupation,
      job: d.job, phone: '13700004444', address: d.address, joinDate: d.joinDate, fullMembershipDate: d.fullMembershipDate, status: d.status, categories: d.categories,
      mobileDestination: d.mobileDestination, mobileSince: d.mobileSince, mobileContact: '本人 13700005555', orgId: d.orgId, groupId: d.groupId, version: d.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const phones = ['13912340001', '13700002222', '13700003333', '13700004444', '13700005555'];
    // Every clear column of every table (ciphertexts and keyed hashes aside), the audit log included.
    const tables = await queryRows<{ t: string }>(env.ctx.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { t } of tables) {
      const cols = await queryRows<{ c: string }>(env.ctx.db, sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${t} and column_name not like '%\\_enc' and column_name not like '%\\_hash'`);
      if (cols.length === 0) continue;
      const text = JSON.stringify(await queryRows(env.ctx.db, sql.raw(`select ${cols.map((c) => `"${c.c}"::text`).join(', ')} from "${t}"`)));
      for (const phone of phones) expect(text, `${t} holds ${phone} in clear`).not.toContain(phone);
    }
    for (const role of ROLES.filter((r) => !hasPermission(r, 'members.viewSensitive')) as Role[]) {
      const s = await env.as(role);
      const texts: string[] = [];
      if (hasPermission(role, 'members.read')) {
        texts.push(await json(s, '/api/members?pageSize=100'));
        for (const t of truths) texts.push(await json(s, `/api/members/${t.id}`), await json(s, `/api/members/${t.id}/history`));
        expect((await s.get(`/api/members/${target.id}/sensitive`)).statusCode).toBe(403);
        const detail = (await s.get(`/api/members/${target.id}`)).json();
        expect(detail).toMatchObject({ phoneMasked: '137****4444', mobileContactMasked: '本人 137****5555' });
      }
      if (hasPermission(role, 'members.export')) texts.push(await xlsxText(s, '/api/members/export'));
      const mine = await s.get('/api/me/member');
      if (mine.statusCode === 200) texts.push(mine.body);
      expect(texts.length, role).toBeGreaterThan(0);
      for (const phone of phones) expect(texts.join('\n'), `${role} sees ${phone}`).not.toContain(phone);
    }
  });
});
