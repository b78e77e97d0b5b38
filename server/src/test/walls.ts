// The walls between server modules (docs/WALLS.md): dependency-cruiser's rules (.dependency-cruiser.cjs) and the
// table-ownership check (db/schema/owners.ts), each against a baseline of known violations that may only shrink.
// Used by walls.test.ts (in `npm test`) and by `npm run walls` (prints the figures).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import ts from 'typescript';
import * as schema from '../db/schema/index';
import { TABLE_OWNERS } from '../db/schema/owners';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MODULES_DIR = path.join(ROOT, 'server/src/modules');
export const KNOWN_DEPENDENCY_VIOLATIONS = path.join(ROOT, 'walls-known-violations.json');
export const KNOWN_TABLE_USES = path.join(ROOT, 'walls-known-table-uses.json');

export type DependencyViolation = { rule: string; from: string; to: string; cycle?: string[] };

/** Runs dependency-cruiser's CLI over server/src with the project's rules; returns every violation (baseline not applied). */
export async function dependencyViolations(): Promise<DependencyViolation[]> {
  const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'server/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--no-progress'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle ? { cycle: v.cycle.map((c) => c.name) } : {}) }));
}

export const dependencyKey = (v: { rule: string | { name: string }; from: string; to: string }) => `${typeof v.rule === 'string' ? v.rule : v.rule.name}: ${v.from} → ${v.to}`;

export function knownDependencyKeys(): string[] {
  const known = JSON.parse(fs.readFileSync(KNOWN_DEPENDENCY_VIOLATIONS, 'utf8')) as { rule: { name: string }; from: string; to: string }[];
  return known.map(dependencyKey);
}

/** One use of a table by a module that does not own it: imported from db/schema, or named in raw SQL. */
export type TableUse = { module: string; file: string; table: string; via: 'import' | 'sql' };
export const tableUseKey = (u: TableUse) => `${u.file} | ${u.table} | ${u.via}`;

/** The schema's tables by export name → SQL name. */
export function schemaTables(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(schema)) if (is(value, PgTable)) out.set(name, getTableName(value));
  return out;
}

function moduleFiles(): { module: string; file: string }[] {
  const out: { module: string; file: string }[] = [];
  for (const module of fs.readdirSync(MODULES_DIR)) {
    const dir = path.join(MODULES_DIR, module);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.endsWith('.fixtures.ts')) continue;
      out.push({ module, file: path.relative(ROOT, path.join(dir, f)) });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

const SQL_TABLE = /\b(?:from|join|update|into|table)\s+"?([a-z_]+)"?/gi;

/** Every use of another module's table by a module file (tests and fixtures aside). */
export function crossModuleTableUses(): TableUse[] {
  const tables = schemaTables();
  const uses = new Map<string, TableUse>();
  const add = (u: TableUse) => {
    if (TABLE_OWNERS[u.table] && TABLE_OWNERS[u.table] !== u.module) uses.set(tableUseKey(u), u);
  };
  for (const { module, file } of moduleFiles()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /db\/schema(\/|$)/.test(node.moduleSpecifier.text)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            const table = tables.get((el.propertyName ?? el.name).text);
            if (table) add({ module, file, table, via: 'import' });
          }
        }
      }
      if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const m of node.text.matchAll(SQL_TABLE)) if (TABLE_OWNERS[m[1]]) add({ module, file, table: m[1], via: 'sql' });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...uses.values()].sort((a, b) => tableUseKey(a).localeCompare(tableUseKey(b)));
}

export function knownTableUseKeys(): string[] {
  return JSON.parse(fs.readFileSync(KNOWN_TABLE_USES, 'utf8')) as string[];
}

/** Figures for the report: distinct (module → other module's table) pairs, and modules using members/orgs tables. */
export function tableUseFigures(uses: TableUse[]) {
  const pairs = new Set(uses.map((u) => `${u.module} → ${u.table}`));
  const memberOrg = new Set(uses.filter((u) => ['members', 'orgs'].includes(u.table)).map((u) => u.module));
  const modules = new Set(uses.map((u) => u.module));
  return { uses: uses.length, pairs: pairs.size, modules: modules.size, modulesUsingMembersOrOrgs: memberOrg.size };
}
