// 随机抽查、集中督导、明察暗访 (report 2: 日常归属党委取随机抽查、集中督导、明察暗访等方式，对党建工作指导员在岗情况、工作开展及完成
// 情况进行检查督导，检查结果汇总后在全县范围内通报): a check of one instructor at one enterprise, with findings by severity;
// a finding that needs fixing is followed as a rectification (the duties module's mechanism). Check results are
// information for the 日常考核 component (entered by hand): the quarter's notice lists them, nothing is deducted automatically.
export const CHECK_KINDS = ['random', 'focused', 'unannounced'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_KIND_LABELS: Record<CheckKind, string> = { random: '随机抽查', focused: '集中督导', unannounced: '明察暗访' };

export const FINDING_SEVERITIES = ['minor', 'major', 'serious'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_SEVERITY_LABELS: Record<FindingSeverity, string> = { minor: '一般', major: '较重', serious: '严重' };

export type FindingDraft = { severity: FindingSeverity; description: string; rectify: boolean; deadline: string | null };

/**
 * Problems of a check's findings against its date and today: a finding to rectify needs a deadline, not before today
 * and not more than a year after the check; a finding not to rectify carries no deadline; a 严重 finding is always
 * rectified.
 */
export function checkFindings(findings: readonly FindingDraft[], checkedOn: string, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const yearAfter = `${Number(checkedOn.slice(0, 4)) + 1}${checkedOn.slice(4)}`;
  findings.forEach((f, k) => {
    const at = `findings.${k}`;
    if (f.severity === 'serious' && !f.rectify) issues.push({ path: `${at}.rectify`, message: `第${k + 1}条问题为严重问题，须列入整改` });
    if (f.rectify && !f.deadline) issues.push({ path: `${at}.deadline`, message: `第${k + 1}条问题列入整改，请填写整改期限` });
    if (!f.rectify && f.deadline) issues.push({ path: `${at}.deadline`, message: `第${k + 1}条问题未列入整改，不需要整改期限` });
    if (f.rectify && f.deadline && f.deadline < today) issues.push({ path: `${at}.deadline`, message: `第${k + 1}条问题的整改期限（${f.deadline}）不能早于今天（${today}）` });
    if (f.rectify && f.deadline && f.deadline > yearAfter) issues.push({ path: `${at}.deadline`, message: `第${k + 1}条问题的整改期限（${f.deadline}）不能晚于检查后一年（${yearAfter}）` });
  });
  return issues;
}

export type CheckForNotice = { kind: CheckKind; checkedOn: string; instructorName: string; enterpriseName: string; inPost: boolean; findings: { severity: FindingSeverity; description: string; rectify: boolean; closed: boolean }[] };

/** The quarter's tally for the county-wide notice: checks by kind, absences, findings by severity, rectifications open. */
export function tallyChecks(checks: readonly CheckForNotice[]) {
  const byKind: Record<CheckKind, number> = { random: 0, focused: 0, unannounced: 0 };
  const bySeverity: Record<FindingSeverity, number> = { minor: 0, major: 0, serious: 0 };
  let absent = 0;
  let clean = 0;
  let rectify = 0;
  let closed = 0;
  for (const c of checks) {
    byKind[c.kind] += 1;
    if (!c.inPost) absent += 1;
    if (c.findings.length === 0 && c.inPost) clean += 1;
    for (const f of c.findings) {
      bySeverity[f.severity] += 1;
      if (f.rectify) {
        rectify += 1;
        if (f.closed) closed += 1;
      }
    }
  }
  return { checks: checks.length, byKind, bySeverity, absent, clean, rectify, closed, open: rectify - closed };
}
