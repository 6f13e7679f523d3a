import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // A fixed zone away from UTC, so local-time display is tested for real.
    env: { TZ: 'America/New_York' },
    globalSetup: ['./tests/tempRoot.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/summaryReporter.ts'],
  },
});
