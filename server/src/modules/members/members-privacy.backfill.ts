// Start-up backfill of the keyed member columns a SQL migration cannot fill (it has no key): the keyed hash of the
// ID tail for rows written before it existed, and the encryption of a clear 外出联系方式 that migration 0026 set aside
// when it dropped the clear column (the holding table is dropped once they are encrypted).
// Idempotent; a few thousand rows per statement, AES and HMAC only (no per-member argon2), so a first start stays quick.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { queryRows } from '../../core/db';
import { idTailHash } from './members.mapper';

const BATCH = 2000;

export async function backfillMemberSecrets(ctx: AppContext): Promise<{ tails: number; contacts: number }> {
  let tails = 0;
  let contacts = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; enc: string }>(ctx.db, sql`select id, id_number_enc as enc from members where id_tail_hash is null limit ${BATCH}`);
    if (rows.length === 0) break;
    const values = rows.map((r) => ({ id: r.id, h: idTailHash(ctx.crypto, ctx.crypto.decrypt(r.enc).slice(-4)) }));
    await ctx.db.execute(sql`update members m set id_tail_hash = x.h from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(id uuid, h text) where m.id = x.id`);
    tails += rows.length;
  }
  // The clear 外出联系方式 migration 0026 set aside when it dropped members.mobile_contact (only where some were left).
  const [{ pending }] = await queryRows<{ pending: boolean }>(ctx.db, sql`select to_regclass('members_mobile_contact_pending') is not null as pending`);
  if (pending) {
    for (;;) {
      const rows = await queryRows<{ id: string; contact: string }>(ctx.db, sql`select id, contact from members_mobile_contact_pending limit ${BATCH}`);
      if (rows.length === 0) break;
      const values = rows.map((r) => ({ id: r.id, e: ctx.crypto.encrypt(r.contact) }));
      await ctx.db.transaction(async (tx) => {
        // Where both exist the ciphertext was the one read (and edited) all along: it stays.
        await tx.execute(sql`update members m set mobile_contact_enc = x.e from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(id uuid, e text) where m.id = x.id and m.mobile_contact_enc is null`);
        await tx.execute(sql`delete from members_mobile_contact_pending p using jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(id uuid, e text) where p.id = x.id`);
      });
      contacts += rows.length;
    }
    await ctx.db.execute(sql`drop table members_mobile_contact_pending`);
  }
  return { tails, contacts };
}
