import { defineConfig } from 'vitest/config';

// Two projects so each global setup runs only when its tests do: the unit and HTTP tests
// share a database setup; the browser journeys build the web app once and start one Baton.
export const config = defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['test/e2e/support/global-setup.ts'],
        },
      },
    ],
  },
});

// Vitest loads the default export of its config file; this is the one place it is required.
export default config;
