// Who may become an instructor (严把标准关): a live member of the roster with no discipline (处分) in force; a member under
// 留党察看 is refused with that reason named.
import { DISCIPLINE_KIND_LABELS, disciplineActive, type DisciplineRecord } from '../members/discipline';
import type { IsoDate } from '../calendar/dates';

export type EligibilityIssue = { code: 'UNDER_PROBATION' | 'DISCIPLINE_IN_FORCE'; message: string };

export function instructorEligibility(name: string, records: readonly DisciplineRecord[], on: IsoDate): EligibilityIssue | null {
  const active = records.filter((d) => disciplineActive(d, on));
  const probation = active.find((d) => d.kind === 'probation');
  if (probation) return { code: 'UNDER_PROBATION', message: `${name}正在留党察看期内（至 ${probation.endDate}），不能选派为党建工作指导员` };
  // Any other record in force on the roster (not revoked, not ended) also refuses (political standing: no 处分 in force).
  const recent = active.find((d) => d.kind !== 'probation');
  if (recent) return { code: 'DISCIPLINE_IN_FORCE', message: `${name}受到${DISCIPLINE_KIND_LABELS[recent.kind]}处分（${recent.startDate}），处分期间不能选派为党建工作指导员` };
  return null;
}
