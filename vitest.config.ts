import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const sharedSrc = fileURLToPath(new URL('./shared/src/', import.meta.url));
// Tests run the TypeScript sources of @hotline/shared directly (no build step needed).
const alias = [{ find: /^@hotline\/shared\/(.*)$/, replacement: `${sharedSrc}$1` }];

function isPostgresTypeFetchReset(error: unknown): boolean {
  const e = error as { code?: string; query?: unknown; message?: string };
  const query = typeof e.query === 'string' ? e.query : '';
  return (e.code === 'ECONNRESET' || /ECONNRESET/.test(e.message ?? '')) && query.includes('typarray');
}

export default defineConfig({
  resolve: { alias },
  test: {
    // postgres.js re-reads the array types on every new connection without awaiting it: a connection reset at that
    // moment (the outage tests cut Postgres on purpose) rejects unhandled. That one is expected; any other unhandled
    // error still fails the run. Vitest reads this option from the root config only (a project's copy is ignored).
    onUnhandledError: (error) => !isPostgresTypeFetchReset(error),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'agent-console/src/**/*.test.ts'],
          environment: 'node',
          // The unit project runs beside the integration and browser projects on a 2-core CI machine: a pure test
          // that trains a small model can take seconds when the cores are busy. Time is not what these tests check.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          // One database shared by the files; each test creates its own rows through factories.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
