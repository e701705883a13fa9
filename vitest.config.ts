import { defineConfig } from 'vitest/config';

// Database tests (everything under src/server and test/server) run once on PGlite and, when
// TEST_DATABASE_URL is set (CI sets it), once more on a real PostgreSQL.
const dbTests = ['src/server/**/*.test.ts', 'test/server/**/*.test.ts'];
const pureTests = ['src/core/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: pureTests } },
      {
        extends: true,
        test: { name: 'db:pglite', include: dbTests, env: { YS_TEST_DB: 'pglite' }, globalSetup: ['test/helpers/pglite-image.global-setup.ts'] },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            // `*.pglite.test.ts` are about the embedded database itself (its data folder, its shutdown).
            { extends: true as const, test: { name: 'db:postgres', include: dbTests, exclude: ['**/node_modules/**', '**/*.pglite.test.ts'], env: { YS_TEST_DB: 'postgres' } } },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/demo-template.global-setup.ts'],
          // A page on a busy 2-core machine can take seconds to settle; polls wait for it (default 1 s).
          expect: { poll: { timeout: 15_000, interval: 100 } },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
