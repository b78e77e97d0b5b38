// Organization tree use cases: tree with counts, create, update, move (with subtree), merge, dissolve.
import {
  ALLOWED_CHILDREN,
  DomainError,
  ORG_TYPE_LABELS,
  conflict,
  forbidden,
  invalid,
  notFound,
  type OrgCreate,
  type OrgDetail,
  type OrgNode,
  type OrgType,
  type OrgUpdate,
  ZOrgNode,
} from '@yanzhen/domain';
import { z } from 'zod';
import { and, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { createCountyCache } from '../../core/read-cache';
import type { Executor } from '../../core/db';
import { announceMembersMoved, orgMerged } from '../../core/member-moves';
import { accounts, members, orgs } from '../../db/schema/index';
import { dutiesOnMembersLeft, dutiesOnOrgCreated, dutiesOnOrgDissolved, dutiesOnSecretaryChanged } from '../duties/duties-templates.service';
import { orgAbilities } from './orgs.policy';
import { orgsRepository, type OrgRow } from './orgs.repository';
import { followMemberMove } from '../stars/stars.service';

const auditable = (o: OrgRow) => ({
  name: o.name,
  shortName: o.shortName,
  type: o.type,
  sector: o.sector,
  gridKind: o.gridKind,
  foundedOn: o.foundedOn,
  parentId: o.parentId,
  secretaryMemberId: o.secretaryMemberId,
});

/** The tree response: the route's output schema. */
export const ZOrgTree = z.object({ items: z.array(ZOrgNode) });

export function createOrgsService(ctx: AppContext) {
  /** An org inside the actor's scope, or 404. */
  async function loadInScope(ex: Executor, actor: Actor, id: string): Promise<OrgRow> {
    const org = await orgsRepository.findById(ex, actor.countyId, id);
    if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
    return org;
  }

  function checkVersion(org: OrgRow, version: number) {
    if (org.version !== version) throw conflict('该组织已被他人修改，请刷新后重试', 'STALE_VERSION');
  }

  function checkChildType(parent: OrgRow, childType: OrgType) {
    if (!ALLOWED_CHILDREN[parent.type as OrgType].includes(childType)) {
      throw invalid(`${ORG_TYPE_LABELS[parent.type as OrgType]}下不能设立${ORG_TYPE_LABELS[childType]}`, [{ path: 'type', message: '组织类型与上级不匹配' }], 'ORG_TYPE_NOT_ALLOWED');
    }
  }

  // The serialized tree per (root, depth), dropped when a write in the county succeeds.
  const treeCache = createCountyCache<string>(ctx.events);

  /** The tree as the route sends it ({ items }), checked against the output schema and serialized once per cache entry. */
  async function treeJson(actor: Actor, opts: { rootId?: string; depth?: number }): Promise<string> {
    requirePermission(actor, 'orgs.read');
    const root = opts.rootId ? await loadInScope(ctx.db, actor, opts.rootId) : await orgsRepository.findById(ctx.db, actor.countyId, actor.orgId);
    if (!root) throw notFound('组织');
    return treeCache.get(actor.countyId, `${root.id}|${root.path}|${opts.depth ?? ''}`, async () => JSON.stringify(ZOrgTree.parse({ items: await treeOf(actor, root, opts) })));
  }

  async function tree(actor: Actor, opts: { rootId?: string; depth?: number }): Promise<OrgNode[]> {
    requirePermission(actor, 'orgs.read');
    const root = opts.rootId ? await loadInScope(ctx.db, actor, opts.rootId) : await orgsRepository.findById(ctx.db, actor.countyId, actor.orgId);
    if (!root) throw notFound('组织');
    return treeOf(actor, root, opts);
  }

  async function treeOf(actor: Actor, root: OrgRow, opts: { depth?: number }): Promise<OrgNode[]> {
    const rows = await orgsRepository.subtree(ctx.db, actor.countyId, root.path, opts.depth !== undefined ? root.depth + opts.depth : undefined);
    const direct = await orgsRepository.directMemberCounts(ctx.db, actor.countyId, root.path);
    // Subtree counts summed bottom-up in memory: one pass, no query per node. Groups are not added (their members are the branch's).
    const subtree = new Map<string, number>();
    const children = new Map<string, number>();
    const fullTree = opts.depth === undefined;
    for (let i = rows.length - 1; i >= 0; i--) {
      const o = rows[i];
      const own = o.type === 'group' ? 0 : (direct.get(o.id) ?? 0);
      subtree.set(o.id, (subtree.get(o.id) ?? 0) + own);
      if (o.parentId) {
        children.set(o.parentId, (children.get(o.parentId) ?? 0) + 1);
        if (o.type !== 'group') subtree.set(o.parentId, (subtree.get(o.parentId) ?? 0) + (subtree.get(o.id) ?? 0));
      }
    }
    // A depth-limited tree cannot sum what it did not load: count those subtrees in one grouped query.
    if (!fullTree) {
      const leafDepth = root.depth + (opts.depth ?? 0);
      const byPrefix = await orgsRepository.memberCountsByAncestorAtDepth(ctx.db, actor.countyId, root.path, leafDepth);
      const sums = new Map<string, number>();
      for (let i = rows.length - 1; i >= 0; i--) {
        const o = rows[i];
        const own = o.depth === leafDepth ? (byPrefix.get(o.path) ?? 0) : (sums.get(o.id) ?? 0) + (o.type === 'group' ? 0 : (direct.get(o.id) ?? 0));
        sums.set(o.id, own);
        if (o.parentId && o.type !== 'group') sums.set(o.parentId, (sums.get(o.parentId) ?? 0) + own);
      }
      for (const [id, n] of sums) subtree.set(id, n);
    }
    return rows.map((o) => ({
      id: o.id,
      parentId: o.id === root.id ? null : o.parentId,
      name: o.name,
      shortName: o.shortName,
      type: o.type as OrgType,
      sector: o.sector as OrgNode['sector'],
      gridKind: o.gridKind as OrgNode['gridKind'],
      depth: o.depth,
      memberCount: direct.get(o.id) ?? 0,
      subtreeMemberCount: subtree.get(o.id) ?? 0,
      childCount: children.get(o.id) ?? 0,
    }));
  }

  async function get(actor: Actor, id: string): Promise<OrgDetail> {
    requirePermission(actor, 'orgs.read');
    const org = await loadInScope(ctx.db, actor, id);
    const [direct, subtreeCount, childRows, officers] = [
      await orgsRepository.directMemberCounts(ctx.db, actor.countyId, org.path),
      await orgsRepository.countMembersInSubtree(ctx.db, actor.countyId, org.path),
      await ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(and(eq(orgs.parentId, org.id), isNull(orgs.dissolvedAt))),
      await orgsRepository.officers(ctx.db, org.countyId, org.id),
    ];
    const ancestorSeqs = org.path.split('/').filter(Boolean).map(Number);
    const ancestorRows = ancestorSeqs.length > 1
      ? await ctx.db.select({ id: orgs.id, name: orgs.name, seq: orgs.seq, path: orgs.path }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), inArray(orgs.seq, ancestorSeqs.slice(0, -1))))
      : [];
    const ancestors = ancestorRows
      .filter((a) => orgInScope(actor, a.path))
      .sort((a, b) => a.path.length - b.path.length)
      .map((a) => ({ id: a.id, name: a.name }));
    let secretaryName: string | null = null;
    if (org.secretaryMemberId) {
      const [s] = await ctx.db.select({ name: members.name }).from(members).where(eq(members.id, org.secretaryMemberId));
      secretaryName = s?.name ?? null;
    }
    return {
      id: org.id,
      parentId: org.parentId,
      name: org.name,
      shortName: org.shortName,
      type: org.type as OrgType,
      sector: org.sector as OrgDetail['sector'],
      gridKind: org.gridKind as OrgDetail['gridKind'],
      depth: org.depth,
      memberCount: direct.get(org.id) ?? 0,
      subtreeMemberCount: subtreeCount,
      childCount: childRows[0]?.n ?? 0,
      foundedOn: org.foundedOn,
      secretaryMemberId: org.secretaryMemberId,
      secretaryName,
      committeeMembers: officers,
      version: org.version,
      ancestors,
      can: orgAbilities(actor, org),
    };
  }

  async function create(actor: Actor, input: OrgCreate): Promise<OrgDetail> {
    requirePermission(actor, 'orgs.write');
    const now = ctx.clock();
    const id = await ctx.db.transaction(async (tx) => {
      const parent = await loadInScope(tx, actor, input.parentId);
      checkChildType(parent, input.type);
      if (input.foundedOn && input.foundedOn > now.toISOString().slice(0, 10)) throw invalid('成立日期不能晚于今天', [{ path: 'foundedOn', message: '成立日期不能晚于今天' }]);
      const seq = await orgsRepository.nextSeq(tx);
      const org = await orgsRepository.insert(tx, {
        countyId: actor.countyId,
        seq,
        parentId: parent.id,
        path: `${parent.path}${seq}/`,
        depth: parent.depth + 1,
        name: input.name,
        shortName: input.shortName,
        type: input.type,
        sector: input.sector,
        gridKind: input.gridKind,
        foundedOn: input.foundedOn,
        createdAt: now,
        updatedAt: now,
      });
      await dutiesOnOrgCreated(tx, org, now);
      await writeAudit(tx, actor, now, { action: 'org.create', entityType: 'org', entityId: org.id, before: null, after: auditable(org) });
      return org.id;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, input: OrgUpdate): Promise<OrgDetail> {
    requirePermission(actor, 'orgs.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const org = await loadInScope(tx, actor, id);
      checkVersion(org, input.version);
      const people = [...new Set([...(input.secretaryMemberId ? [input.secretaryMemberId] : []), ...input.committeeMemberIds])];
      if (people.length > 0) {
        const found = await tx
          .select({ id: members.id })
          .from(members)
          .where(and(eq(members.countyId, actor.countyId), inArray(members.id, people), like(members.orgPath, subtreePattern(org.path)), isNull(members.leftAt)));
        if (found.length !== people.length) throw invalid('书记和委员须是本组织（含下级组织）的党员', [{ path: 'secretaryMemberId', message: '须是本组织的党员' }], 'OFFICER_NOT_MEMBER');
      }
      const before = { ...auditable(org), committeeMemberIds: (await orgsRepository.officers(tx, org.countyId, org.id)).map((o) => o.id) };
      await orgsRepository.update(tx, org.id, {
        name: input.name,
        shortName: input.shortName,
        sector: input.sector,
        gridKind: input.gridKind,
        foundedOn: input.foundedOn,
        secretaryMemberId: input.secretaryMemberId,
        version: org.version + 1,
        updatedAt: now,
      });
      await dutiesOnSecretaryChanged(tx, org, input.secretaryMemberId, now, actor);
      await orgsRepository.replaceOfficers(tx, actor.countyId, org.id, input.committeeMemberIds);
      const after = { ...auditable({ ...org, ...input }), committeeMemberIds: input.committeeMemberIds };
      await writeAudit(tx, actor, now, { action: 'org.update', entityType: 'org', entityId: org.id, before, after });
    });
    return get(actor, id);
  }

  async function move(actor: Actor, id: string, newParentId: string, version: number): Promise<OrgDetail> {
    requirePermission(actor, 'orgs.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const org = await loadInScope(tx, actor, id);
      if (!orgAbilities(actor, org).move) throw forbidden('不能调整本账号所属组织或县委的隶属关系');
      checkVersion(org, version);
      const parent = await loadInScope(tx, actor, newParentId);
      if (parent.path.startsWith(org.path)) throw invalid('不能把组织调整到它自己或它的下级组织之下', undefined, 'ORG_MOVE_CYCLE');
      if (parent.id === org.parentId) throw invalid('该组织已在所选上级组织之下', undefined, 'ORG_MOVE_SAME');
      checkChildType(parent, org.type as OrgType);
      const newPath = `${parent.path}${org.seq}/`;
      await orgsRepository.rewritePaths(tx, actor.countyId, org.path, newPath, parent.depth + 1 - org.depth);
      await orgsRepository.update(tx, org.id, { parentId: parent.id, version: org.version + 1, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'org.move', entityType: 'org', entityId: org.id, changes: { parentId: { before: org.parentId, after: parent.id } } });
    });
    return get(actor, id);
  }

  /** Refuses, with the reason, while anything still hangs on the org: members, live child orgs, accounts. */
  async function assertEmpty(tx: Executor, org: OrgRow) {
    const memberCount = await orgsRepository.countMembersInSubtree(tx, org.countyId, org.path);
    if (memberCount > 0) throw new DomainError('ORG_HAS_MEMBERS', `该组织（含下级组织）还有 ${memberCount} 名党员，请先将党员转移到其他支部`, { kind: 'rule' });
    const [{ n: childCount }] = await tx.select({ n: sql<number>`count(*)::int` }).from(orgs).where(and(eq(orgs.parentId, org.id), isNull(orgs.dissolvedAt)));
    if (childCount > 0) throw new DomainError('ORG_HAS_CHILDREN', `该组织还有 ${childCount} 个下级组织，请先撤销或调整下级组织`, { kind: 'rule' });
    const [{ n: accountCount }] = await tx.select({ n: sql<number>`count(*)::int` }).from(accounts).where(and(eq(accounts.orgId, org.id), eq(accounts.disabled, false)));
    if (accountCount > 0) throw new DomainError('ORG_HAS_ACCOUNTS', `还有 ${accountCount} 个账号绑定在该组织，请先调整或停用这些账号`, { kind: 'rule' });
  }

  async function dissolve(actor: Actor, id: string, version: number, reason: string): Promise<void> {
    requirePermission(actor, 'orgs.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const org = await loadInScope(tx, actor, id);
      if (!orgAbilities(actor, org).dissolve) throw forbidden('不能撤销本账号所属组织或县委');
      checkVersion(org, version);
      await assertEmpty(tx, org);
      await orgsRepository.update(tx, org.id, { dissolvedAt: now, version: org.version + 1, updatedAt: now });
      await dutiesOnOrgDissolved(tx, org, actor, now);
      await writeAudit(tx, actor, now, { action: 'org.dissolve', entityType: 'org', entityId: org.id, changes: { dissolvedAt: { before: null, after: now.toISOString() } }, note: reason });
    });
  }

  /** Merges `id` into `intoId`: its members and child orgs move to the target, then it is dissolved — one transaction. */
  async function merge(actor: Actor, id: string, intoId: string, version: number): Promise<OrgDetail> {
    requirePermission(actor, 'orgs.write');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const org = await loadInScope(tx, actor, id);
      if (!orgAbilities(actor, org).dissolve) throw forbidden('不能合并本账号所属组织或县委');
      checkVersion(org, version);
      const target = await loadInScope(tx, actor, intoId);
      if (target.id === org.id || target.path.startsWith(org.path)) throw invalid('不能并入自身或自己的下级组织', undefined, 'ORG_MERGE_CYCLE');
      if (target.type !== org.type) throw invalid(`只能并入同类型的组织（${ORG_TYPE_LABELS[org.type as OrgType]}）`, undefined, 'ORG_MERGE_TYPE');
      const moved = await tx
        .update(members)
        .set({ orgId: target.id, orgPath: target.path, groupId: null, updatedAt: now, version: sql`${members.version} + 1` })
        .where(and(eq(members.countyId, actor.countyId), eq(members.orgId, org.id), isNull(members.leftAt)))
        .returning({ id: members.id });
      // As for a member moved alone: dues bases and the running month's stars follow, closed months stay.
      await announceMembersMoved(tx, { countyId: actor.countyId, memberIds: moved.map((m) => m.id), targetOrgPath: target.path });
      await followMemberMove(ctx, tx, actor.countyId, moved.map((m) => m.id));
      await dutiesOnMembersLeft(tx, actor.countyId, moved.map((m) => m.id), now, actor, `随${org.name}并入${target.name}`);
      for (const m of moved) {
        await writeAudit(tx, actor, now, { action: 'member.move', entityType: 'member', entityId: m.id, changes: { orgId: { before: org.id, after: target.id } }, note: `组织合并：${org.name} 并入 ${target.name}` });
      }
      await orgMerged.announce(tx, { countyId: actor.countyId, from: { id: org.id, path: org.path }, into: { id: target.id, path: target.path } });
      const kids = await tx.select().from(orgs).where(and(eq(orgs.parentId, org.id), isNull(orgs.dissolvedAt)));
      for (const kid of kids) {
        if (kid.type === 'group') {
          // Party groups belong to their branch: they are dissolved with it, their members having moved above.
          await orgsRepository.update(tx, kid.id, { dissolvedAt: now, updatedAt: now });
          continue;
        }
        checkChildType(target, kid.type as OrgType);
        await orgsRepository.rewritePaths(tx, actor.countyId, kid.path, `${target.path}${kid.seq}/`, target.depth + 1 - kid.depth);
        await orgsRepository.update(tx, kid.id, { parentId: target.id, updatedAt: now });
      }
      await tx.update(accounts).set({ orgId: target.id }).where(eq(accounts.orgId, org.id));
      await orgsRepository.update(tx, org.id, { dissolvedAt: now, version: org.version + 1, updatedAt: now });
      await dutiesOnOrgDissolved(tx, org, actor, now);
      await writeAudit(tx, actor, now, { action: 'org.merge', entityType: 'org', entityId: org.id, changes: { mergedInto: { before: null, after: target.id } }, note: `${org.name} 并入 ${target.name}，转移党员 ${moved.length} 名、下级组织 ${kids.length} 个` });
    });
    return get(actor, intoId);
  }

  return { tree, treeJson, closeCaches: treeCache.close, get, create, update, move, dissolve, merge, loadInScope };
}
export type OrgsService = ReturnType<typeof createOrgsService>;

/** Names and paths of live orgs by id, for modules that show the org their rows belong to (the instructors' towns). */
export async function orgRefsById(ex: Executor, countyId: string, ids: readonly string[]): Promise<Map<string, { id: string; name: string; shortName: string | null; path: string; type: string }>> {
  const rows = await orgsRepository.findByIds(ex, countyId, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, { id: o.id, name: o.name, shortName: o.shortName, path: o.path, type: o.type }]));
}
/** A live org inside the actor's scope (default: the actor's own org), else 404: for modules that work on orgs. */
export async function findOrgInScope(ex: Executor, actor: Actor, orgId: string | undefined): Promise<OrgRow> {
  const org = await orgsRepository.findById(ex, actor.countyId, orgId ?? actor.orgId);
  if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
  return org;
}

/** The live orgs of a subtree, parents first (org life's compliance walks the branches and their towns). */
export const subtreeOrgs = (ex: Executor, countyId: string, path: string): Promise<OrgRow[]> => orgsRepository.subtree(ex, countyId, path);
