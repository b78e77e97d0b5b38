// The walls between modules are checked in `npm test` (docs/WALLS.md): dependency-cruiser's rules and the table
// ownership, each against its baseline of known violations. A new violation fails; a fixed one must leave the
// baseline (so it only shrinks): `npm run walls -- --write-baseline`, then review the diff.
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS } from '../db/schema/owners';
import { crossModuleTableUses, dependencyKey, dependencyViolations, knownDependencyKeys, knownTableUseKeys, schemaTables, tableUseFigures, tableUseKey } from './walls';

describe('module walls', () => {
  it('adds no dependency violation (module internals, module cycles, demo/) beyond the baseline, which only shrinks', async () => {
    const found = (await dependencyViolations()).map(dependencyKey);
    const known = knownDependencyKeys();
    console.log(`dependency rules: ${found.length} known violations left (baseline ${known.length})`);
    expect(found.filter((k) => !known.includes(k)), 'new violations of .dependency-cruiser.cjs').toEqual([]);
    expect(known.filter((k) => !found.includes(k)), 'fixed violations still in walls-known-violations.json: remove them').toEqual([]);
    // The rules that are already clean stay clean, baseline or not.
    expect(found.filter((k) => !k.startsWith('module-internals:'))).toEqual([]);
  }, 120_000);

  it("adds no use of another module's table beyond the baseline, which only shrinks", () => {
    const uses = crossModuleTableUses();
    const found = uses.map(tableUseKey);
    const known = knownTableUseKeys();
    console.log('cross-module table uses:', tableUseFigures(uses), `(baseline ${known.length})`);
    expect(found.filter((k) => !known.includes(k)), "new uses of another module's table (go through its service)").toEqual([]);
    expect(known.filter((k) => !found.includes(k)), 'fixed uses still in walls-known-table-uses.json: remove them').toEqual([]);
  });

  it('gives every table an owner', () => {
    const tables = [...schemaTables().values()];
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !TABLE_OWNERS[t]), 'tables without an owner in db/schema/owners.ts').toEqual([]);
    expect(Object.keys(TABLE_OWNERS).filter((t) => !tables.includes(t)), 'owners of tables that do not exist').toEqual([]);
  });
});
