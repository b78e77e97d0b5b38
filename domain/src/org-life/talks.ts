// 谈心谈话: each committee member talks with each member at least once a year. Coverage of a branch = members of its
// roster now who had at least one talk this year (wherever it was recorded: a member transferred mid-year keeps it).
export type TalkRecord = { memberId: string; talkedOn: string };
export type TalkCoverage = { total: number; covered: number; uncovered: string[]; ratePermille: number | null };

export function talkCoverage(rosterIds: readonly string[], talks: readonly TalkRecord[], year: number): TalkCoverage {
  const y = String(year);
  const talked = new Set(talks.filter((t) => t.talkedOn.slice(0, 4) === y).map((t) => t.memberId));
  const uncovered = rosterIds.filter((id) => !talked.has(id));
  const covered = rosterIds.length - uncovered.length;
  return { total: rosterIds.length, covered, uncovered, ratePermille: rosterIds.length === 0 ? null : Math.round((covered * 1000) / rosterIds.length) };
}
