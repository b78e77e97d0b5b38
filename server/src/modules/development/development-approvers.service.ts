// 审批权: which committees may approve admissions and conversions. The default follows 细则第二十四条 (county and
// town/street committees); the county organization department grants or withdraws it per committee, with a reason.
import { approvalEntitled, defaultApprovalEntitled, invalid, notFound, type ApprovalAuthorityInput } from '@yanzhen/domain';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { orgsRepository } from '../orgs/orgs.repository';
import { fileInScope } from './development.policy';
import { developmentRepository as repo } from './development.repository';

const COMMITTEE_TYPES = ['committee', 'workingCommittee'];

export function createDevelopmentApproversService(ctx: AppContext) {
  async function list(actor: Actor) {
    requirePermission(actor, 'development.read');
    const orgs = (await orgsRepository.subtree(ctx.db, actor.countyId, actor.orgPath)).filter((o) => COMMITTEE_TYPES.includes(o.type));
    const grants = new Map((await repo.approvalGrants(ctx.db, actor.countyId)).map((g) => [g.orgId, g]));
    return {
      items: orgs.map((o) => {
        const g = grants.get(o.id);
        return {
          orgId: o.id,
          orgName: o.name,
          orgType: o.type,
          depth: o.depth,
          defaultEntitled: defaultApprovalEntitled(o),
          granted: g ? g.entitled : null,
          entitled: approvalEntitled(o, g?.entitled ?? null),
          reason: g?.reason ?? null,
          decidedBy: g?.decidedBy ?? null,
          decidedAt: g?.decidedAt.toISOString() ?? null,
        };
      }),
    };
  }

  async function set(actor: Actor, input: ApprovalAuthorityInput) {
    requirePermission(actor, 'development.rules');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const org = await orgsRepository.findById(tx, actor.countyId, input.orgId);
      if (!org || org.dissolvedAt || !fileInScope(actor, { orgPath: org.path })) throw notFound('组织');
      if (!COMMITTEE_TYPES.includes(org.type)) throw invalid(`${org.name}不是党委或党工委，不能授予审批发展党员的权限（细则第二十四条）`, [{ path: 'orgId', message: '请选择党委' }], 'DEV_APPROVER_NOT_COMMITTEE');
      const before = await repo.approvalGrant(tx, actor.countyId, org.id);
      await repo.setApprovalGrant(tx, { countyId: actor.countyId, orgId: org.id, entitled: input.entitled, reason: input.reason, decidedBy: actor.displayName, decidedAt: now });
      await writeAudit(tx, actor, now, {
        action: 'development.approver.set',
        entityType: 'org',
        entityId: org.id,
        changes: { approvalAuthority: { before, after: input.entitled } },
        note: `${org.name}：${input.entitled === null ? '恢复默认' : input.entitled ? '授予审批权' : '取消审批权'}（${input.reason}）`,
      });
    });
    return list(actor);
  }

  return { list, set };
}
