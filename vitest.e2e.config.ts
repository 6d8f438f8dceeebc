import { defineConfig } from 'vitest/config';

// End-to-end journeys: a real server per file, a real Chromium. The machine has two shared cores,
// so files run one after another and every wait is generous.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globals: true,
    environment: 'node',
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
