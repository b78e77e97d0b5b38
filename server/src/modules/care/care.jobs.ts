// The quarter close (care.quarterClose, monthly cadence): after the last month of a quarter, every elderly or frail
// member in care since before the quarter began without a home visit in it gets a warning (暖心行动: at least one home
// visit per quarter). Other months do nothing. Idempotent: warnings are unique per member and quarter.
import { quarterOf, quarterRange } from '@yanzhen/domain';
import type { JobDefinition } from '../../core/jobs';
import { careRepository } from './care.repository';

export const careQuarterCloseJob: JobDefinition = {
  name: 'care.quarterClose',
  label: '季度关爱走访检查（老党员、体弱党员每季度至少走访一次）',
  cadence: 'monthly',
  resultLabels: { quarter: '季度', warnings: '新增预警' },
  async run(_ctx, input) {
    const month = Number(input.period.slice(5, 7));
    if (month % 3 !== 0) return { quarter: '', warnings: 0 };
    const quarter = quarterOf(`${input.period}-01`);
    const { start, end } = quarterRange(quarter);
    const warnings = await input.step('elderly', (tx) => careRepository.raiseElderlyQuarterWarnings(tx, input.countyId, quarter, start, end, input.now));
    return { quarter, warnings };
  },
};
