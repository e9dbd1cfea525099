import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: on a 2-core CI machine at load 8 a hub start alone took over 30 s. Tests wait on events, so
    // a passing test takes no longer for it; a hanging one fails later.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Database-backed suites each create their own database; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
