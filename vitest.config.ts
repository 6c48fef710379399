import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Generates small real Pythia 8 event files once per run (see generatedEventsPath).
    globalSetup: ['test/support/generated-events.ts'],
  },
});
