// `npm run walls`: prints the walls' figures; `npm run walls -- --write-baseline` rewrites both baselines from the
// current code (only ever to shrink them: review the diff).
import fs from 'node:fs';
import { KNOWN_DEPENDENCY_VIOLATIONS, KNOWN_TABLE_USES, crossModuleTableUses, dependencyKey, dependencyViolations, knownDependencyKeys, knownTableUseKeys, tableUseFigures, tableUseKey } from './walls';

const deps = await dependencyViolations();
const uses = crossModuleTableUses();
const byRule = deps.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v.rule]: (acc[v.rule] ?? 0) + 1 }), {});
console.log(`dependency rules: ${deps.length} violations`, byRule, `(baseline ${knownDependencyKeys().length})`);
console.log('cross-module table uses:', tableUseFigures(uses), `(baseline ${knownTableUseKeys().length})`);
const newDeps = deps.map(dependencyKey).filter((k) => !knownDependencyKeys().includes(k));
const newUses = uses.map(tableUseKey).filter((k) => !knownTableUseKeys().includes(k));
for (const k of [...newDeps, ...newUses]) console.log(`NEW: ${k}`);
if (process.argv.includes('--write-baseline')) {
  fs.writeFileSync(KNOWN_DEPENDENCY_VIOLATIONS, `${JSON.stringify(deps.map((v) => ({ rule: { name: v.rule }, from: v.from, to: v.to })), null, 2)}\n`);
  fs.writeFileSync(KNOWN_TABLE_USES, `${JSON.stringify(uses.map(tableUseKey), null, 2)}\n`);
  console.log('baselines written');
}
