import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every Tencent request a simulator authenticates is re-signed with the official sign3.
    setupFiles: ['test/setup/sign3-every-request.ts'],
    globalSetup: ['test/setup/sign3-summary.ts'],
    // Integration tests start loopback simulators; two cores are all CI has.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
