import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['domain/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
          // One database per worker, shared by its test files (a PGlite instance takes seconds to start).
          isolate: false,
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 120_000,
          globalSetup: ['server/src/test/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          // Browser tests run after the API tests, not beside them: on a 2-core CI machine the API workers starved
          // the browser's server and an import's validation outwaited its 30 s wait.
          sequence: { groupOrder: 1 },
          // A page on a loaded CI machine takes seconds, not the default second, to show what a poll waits for.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // On CI (two suites side by side on 2 cores) a browser wait can outlast its timeout under load: one retry.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
