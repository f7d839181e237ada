import { defineConfig } from 'vitest/config';

// One run over every workspace test. Files run in parallel forks; each integration test file isolates itself with
// its own Postgres schema and Redis key prefix (packages/testing), so files never share state.
export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
