import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // npm run generate on the fixtures, the examples and permissions.yaml, once per run (test/README.md).
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 60_000,
  },
});
