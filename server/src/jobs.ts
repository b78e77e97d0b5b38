// Every module's scheduled jobs, in the order the scheduler runs them; a module adds its jobs here (one line each).
import type { JobDefinition } from './core/jobs';

export const JOBS: JobDefinition[] = [];
