// The demo county loader (placeholder until the deterministic generator lands: only the demo accounts).
import type { AppContext } from '../core/context';

export type DemoAccount = { username: string; password: string; role: string };

export async function loadDemoCounty(_ctx: AppContext, _opts: { countyId: string; rootOrgId: string; members: number }): Promise<DemoAccount[]> {
  return [];
}
