// The month close of the instructors' time on site (instructors.monthClose): once a month is over, every instructor's
// on-site working days and ratio of that month are computed from the scans and approved manual entries, and warnings
// raised — yellow below 1/3, red when the month before was below too. Idempotent (an upsert of computed values).
import type { JobDefinition } from '../../core/jobs';
import { writeAudit } from '../../core/audit';
import { closeInstructorMonth } from './instructors.service';

export const instructorsMonthCloseJob: JobDefinition = {
  name: 'instructors.monthClose',
  label: '党建工作指导员驻企时间月度结算',
  cadence: 'monthly',
  resultLabels: { instructors: '指导员', yellow: '黄色预警', red: '红色预警' },
  async run(ctx, input) {
    return input.step('close', async (tx) => {
      const r = await closeInstructorMonth(tx, input.countyId, input.period, input.now);
      await writeAudit(tx, null, input.now, { countyId: input.countyId, actorName: '定时任务', action: 'instructor.monthClose', entityType: 'instructor', entityId: null, note: `${input.period} 驻企时间结算：指导员 ${r.instructors} 名，黄色预警 ${r.yellow}，红色预警 ${r.red}` });
      return r;
    });
  },
};
