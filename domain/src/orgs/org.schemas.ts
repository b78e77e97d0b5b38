// Organization (党组织) input and output schemas.
import { z } from 'zod';
import { ZId, ZIsoDate, ZVersion, zStr } from '../core/schemas';
import { GRID_KINDS, ORG_TYPES, SECTORS } from './org-types';

export const ZOrgCreate = z.object({
  parentId: ZId,
  name: zStr({ error: '请填写组织名称' }).trim().min(2, { message: '组织名称至少2个字' }).max(60, { message: '组织名称不能超过60个字' }),
  shortName: zStr().trim().max(20).nullish().transform((v) => v || null),
  type: z.enum(ORG_TYPES, { error: '请选择组织类型' }),
  sector: z.enum(SECTORS, { error: '请选择所属领域' }),
  gridKind: z.enum(GRID_KINDS).nullish().transform((v) => v ?? null),
  foundedOn: ZIsoDate.nullish().transform((v) => v ?? null),
});
export type OrgCreate = z.infer<typeof ZOrgCreate>;

export const ZOrgUpdate = z.object({
  name: ZOrgCreate.shape.name,
  shortName: ZOrgCreate.shape.shortName,
  sector: ZOrgCreate.shape.sector,
  gridKind: ZOrgCreate.shape.gridKind,
  foundedOn: ZOrgCreate.shape.foundedOn,
  secretaryMemberId: ZId.nullish().transform((v) => v ?? null),
  committeeMemberIds: z.array(ZId).max(15, { message: '委员不能超过15人' }).default([]),
  version: ZVersion,
});
export type OrgUpdate = z.infer<typeof ZOrgUpdate>;

export const ZOrgMove = z.object({ newParentId: ZId, version: ZVersion });
export const ZOrgMerge = z.object({ intoId: ZId, version: ZVersion });
export const ZOrgDissolve = z.object({ version: ZVersion, reason: zStr().trim().min(2, { message: '请填写撤销原因' }).max(200) });

export const ZOrgNode = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(ORG_TYPES),
  sector: z.enum(SECTORS),
  gridKind: z.enum(GRID_KINDS).nullable(),
  depth: z.number().int(),
  memberCount: z.number().int(),
  subtreeMemberCount: z.number().int(),
  childCount: z.number().int(),
});
export type OrgNode = z.infer<typeof ZOrgNode>;

export const ZOrgDetail = ZOrgNode.extend({
  foundedOn: z.string().nullable(),
  secretaryMemberId: ZId.nullable(),
  secretaryName: z.string().nullable(),
  committeeMembers: z.array(z.object({ id: ZId, name: z.string() })),
  version: z.number().int(),
  ancestors: z.array(z.object({ id: ZId, name: z.string() })),
  can: z.object({ update: z.boolean(), createChild: z.boolean(), move: z.boolean(), dissolve: z.boolean() }),
});
export type OrgDetail = z.infer<typeof ZOrgDetail>;
