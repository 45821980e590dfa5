import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/{integration,smoke,faults,crash,fuzz,upgrade,regressions}/**/*.test.ts'],
    environment: 'node',
    // Tests start real servers as child processes; a slow shared machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
