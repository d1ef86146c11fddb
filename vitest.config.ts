import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // npm run generate on the fixtures, the examples and permissions.yaml, once per run (test/README.md).
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 60_000,
    // Every core: vitest's default leaves one idle, which on a 2-core machine runs the suite in one process.
    maxWorkers: availableParallelism(),
    // CDK's built-in CloudFormation validation costs about 3 s a synth: construct-level tests skip it; the tests
    // of the whole app synthesize with it on, as `cdk synth` does (infra/test/synth.ts).
    env: { CDK_VALIDATION: 'false' },
  },
});
