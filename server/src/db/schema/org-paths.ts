// The registry of every table that copies an org path: the org move/merge rewrites each one (orgs.repository
// rewritePaths). A new table with an `org_path` column goes into its schema file's list, or org-paths.test.ts fails.
// `orgs.path` itself is the source, rewritten with the depth, and is not in this list.
import type { OrgPathTable } from './common';
import { assessmentOrgPathTables } from './assessment';
import { careOrgPathTables } from './care';
import { developmentOrgPathTables } from './development';
import { dutiesOrgPathTables } from './duties';
import { instructorsOrgPathTables } from './instructors';
import { memberMonthlyOrgPathTables } from './member-monthly';
import { membersOrgPathTables } from './members';
import { orgLifeOrgPathTables } from './org-life';
import { platformOrgPathTables } from './platform';
import { publicityOrgPathTables } from './publicity';

export const ORG_PATH_TABLES: readonly OrgPathTable[] = [
  ...membersOrgPathTables,
  ...developmentOrgPathTables,
  ...dutiesOrgPathTables,
  ...platformOrgPathTables,
  ...memberMonthlyOrgPathTables,
  ...publicityOrgPathTables,
  ...careOrgPathTables,
  ...instructorsOrgPathTables,
  ...orgLifeOrgPathTables,
  ...assessmentOrgPathTables,
];
