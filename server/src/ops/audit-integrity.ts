// Verifying the audit hash chain (npm run audit:verify) and archiving entries past the retention (npm run audit:archive).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../core/db';

export const NO_COUNTY = '00000000-0000-0000-0000-000000000000';
const canonical = (t: string) =>
  sql.raw(`audit_canonical(${t}.id, ${t}.county_id, ${t}.at, ${t}.actor_id, ${t}.actor_name, ${t}.action, ${t}.entity_type, ${t}.entity_id, ${t}.outcome, ${t}.ip, ${t}.changes, ${t}.note)`);

export type ChainReport = { countyId: string; entries: number; headSeq: number; headHash: string };
export type BrokenLink = { countyId: string; seq: number; entryId: number | null; reason: string };
export type VerifyReport = { ok: boolean; checked: number; chains: ChainReport[]; broken: BrokenLink | null; unchained: number[] };

/**
 * Walks every county's chain in order (live and archived entries alike): each link must follow the previous one
 * (seq without gaps, prev_hash = the previous hash) and hash = sha256(prev_hash || the entry as it is now). Stops at
 * the first broken link. Entries missing from the chain (written with the triggers off) are listed too.
 */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyReport> {
  const chains: ChainReport[] = [];
  let current: ChainReport | null = null;
  let checked = 0;
  let after = { countyId: '', seq: 0 };
  type Link = { county_id: string; seq: string | number; entry_id: string | number; prev_hash: string; hash: string; canonical: string | null };
  for (;;) {
    const rows = await queryRows<Link>(
      db,
      sql`select c.county_id::text as county_id, c.seq, c.entry_id, c.prev_hash, c.hash, case when l.id is not null then ${canonical('l')} when a.id is not null then ${canonical('a')} end as canonical
          from audit_chain c left join audit_log l on l.id = c.entry_id left join audit_log_archive a on a.id = c.entry_id
          where (c.county_id::text, c.seq) > (${after.countyId}, ${after.seq}) order by c.county_id::text, c.seq limit ${batch}`,
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      const entryId = Number(r.entry_id);
      if (!current || current.countyId !== r.county_id) {
        current = { countyId: r.county_id, entries: 0, headSeq: 0, headHash: '' };
        chains.push(current);
      }
      const fail = (reason: string): VerifyReport => ({ ok: false, checked, chains, broken: { countyId: r.county_id, seq, entryId, reason }, unchained: [] });
      if (seq !== current.headSeq + 1) return fail(`第${current.headSeq + 1}至${seq - 1}条链接缺失（链被截断或删改）`);
      if (r.prev_hash !== current.headHash) return fail(`第${seq}条记录的“前一条哈希”与第${seq - 1}条不符`);
      if (r.canonical === null) return fail(`第${seq}条（日志编号${entryId}）记录已不存在（被删除）`);
      const expected = createHash('sha256').update(r.prev_hash + r.canonical, 'utf8').digest('hex');
      if (expected !== r.hash) return fail(`第${seq}条（日志编号${entryId}）记录内容与哈希不符（被修改）`);
      current.entries++;
      current.headSeq = seq;
      current.headHash = r.hash;
      checked++;
    }
    if (rows.length < batch) break;
    const last = rows[rows.length - 1];
    after = { countyId: last.county_id, seq: Number(last.seq) };
  }
  const unchained = await queryRows<{ id: string | number }>(
    db,
    sql`select l.id from audit_log l where not exists (select 1 from audit_chain c where c.entry_id = l.id)
        union all select a.id from audit_log_archive a where not exists (select 1 from audit_chain c where c.entry_id = a.id) order by 1 limit 100`,
  );
  const ids = unchained.map((u) => Number(u.id));
  if (ids.length > 0) return { ok: false, checked, chains, broken: { countyId: '', seq: 0, entryId: ids[0], reason: `日志编号${ids[0]}等${ids.length}条记录不在哈希链上（绕过触发器写入）` }, unchained: ids };
  return { ok: true, checked, chains, broken: null, unchained: [] };
}

/**
 * Moves entries older than `retentionDays` (≥ 180) from audit_log into audit_log_archive unchanged, in batches, each
 * batch one transaction (copy, then delete: the database lets an entry go only when its identical copy is archived and
 * it is older than 180 days). The chain is untouched, so verification covers archived entries the same way.
 */
export async function archiveAudit(db: Db, now: Date, retentionDays: number, batch = 1000): Promise<{ moved: number; cutoff: Date }> {
  if (retentionDays < 180) throw new Error('操作日志至少保存180天（6个月）');
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let moved = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const ids = await queryRows<{ id: string | number }>(
        tx,
        sql`insert into audit_log_archive (id, county_id, at, actor_id, actor_name, action, entity_type, entity_id, outcome, ip, changes, note, archived_at)
            select id, county_id, at, actor_id, actor_name, action, entity_type, entity_id, outcome, ip, changes, note, ${now}
            from audit_log where at < ${cutoff} order by id limit ${batch} returning id`,
      );
      if (ids.length === 0) return 0;
      await tx.execute(sql`delete from audit_log where id in (${sql.join(ids.map((i) => sql`${Number(i.id)}`), sql`, `)})`);
      return ids.length;
    });
    moved += n;
    if (n < batch) break;
  }
  return { moved, cutoff };
}
