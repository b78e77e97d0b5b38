// The walls between server modules (docs/WALLS.md), checked in `npm test` by server/src/test/walls.test.ts and by
// hand with `npm run walls`. Known violations, which may only shrink: walls-known-violations.json (and walls-known-table-uses.json).
/** A module's face, for now: its services, routes, jobs and policy (an index.ts once modules have one). */
const FACE = '(\\.(service|routes|jobs|policy)\\.ts|/index\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      severity: 'error',
      comment: "A module reaches another only through its face (service, routes, jobs, policy), never its repository, mapper or helpers.",
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', FACE] },
    },
    {
      name: 'module-cycle',
      severity: 'error',
      comment: 'Modules form no cycle: if A uses B, B does not use A (directly or through others).',
      scope: 'folder',
      from: { path: '^server/src/modules/[^/]+$' },
      to: { path: '^server/src/modules/[^/]+$', circular: true },
    },
    {
      name: 'no-demo',
      severity: 'error',
      comment: 'The demo county is built by demo/ and started by the start-up code; nothing else depends on it.',
      from: { path: '^server/src/', pathNot: ['^server/src/demo/', '^server/src/(bootstrap|main|start)\\.ts$'] },
      to: { path: '^server/src/demo/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo would hide a dependency from the rules above).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '^server/src/test/', '\\.fixtures\\.ts$'] },
    includeOnly: '^server/src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
