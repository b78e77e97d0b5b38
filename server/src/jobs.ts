// Every module's scheduled jobs, in the order the scheduler runs them; a module adds its jobs here (one line each).
import type { JobDefinition } from './core/jobs';
import { developmentDailyJob } from './modules/development/development.jobs';
import { dutiesDailyJob, dutiesMonthCloseJob } from './modules/duties/duties.jobs';
import { starsMonthCloseJob } from './modules/stars/stars.jobs';
import { careQuarterCloseJob } from './modules/care/care.jobs';
import { instructorsMonthCloseJob } from './modules/instructors/instructors.jobs';
import { orgLifeDailyJob } from './modules/org-life/org-life.jobs';

export const JOBS: JobDefinition[] = [
  developmentDailyJob,
  dutiesDailyJob, // before the month close: the close reads the overdue marks
  dutiesMonthCloseJob,
  starsMonthCloseJob,
  careQuarterCloseJob,
  instructorsMonthCloseJob,
  orgLifeDailyJob,
];
