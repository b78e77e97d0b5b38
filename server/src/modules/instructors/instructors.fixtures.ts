// Test records of the two-new registry: an enterprise with its survey profile in a town.
import type { AppContext } from '../../core/context';
import { enterpriseProfiles, enterprises } from '../../db/schema/index';
import type { OrgFixture } from '../../test/factories';

export async function buildEnterprise(ctx: AppContext, countyId: string, town: OrgFixture, values: { name: string; industry?: string; employeeCount?: number; orgForm?: string; membersEmployed?: number }): Promise<string> {
  const [e] = await ctx.db
    .insert(enterprises)
    .values({ countyId, name: values.name, kind: 'nonPublic', industry: values.industry ?? '制造业', employeeCount: values.employeeCount ?? 30, townOrgId: town.id })
    .returning({ id: enterprises.id });
  await ctx.db.insert(enterpriseProfiles).values({ countyId, enterpriseId: e.id, orgPath: town.path, address: `${town.name}工业园`, legalRepresentative: '王某', orgForm: values.orgForm ?? 'none', membersEmployed: values.membersEmployed ?? 0 });
  return e.id;
}
