import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Property tests run thousands of cases: a loaded machine must not turn them into timeouts.
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/build-once.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each file starts its own brokers on free ports; two cores, so keep the pool small.
          maxWorkers: 2,
          // Runs after the unit project (projects with different pools need their own group).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
