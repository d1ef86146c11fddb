import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const EXCLUDE = ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'];
/**
 * End-to-end tests (`*.e2e.test.ts`): real programs driven as users drive them — Chromium through the UI login,
 * `npm run local` and requests over the wire, the Python client against local mode. `npm test` runs the rest (the
 * `suite` project: unit, property and the proofs), `npm run test:e2e` these, `npm run verify` (CI) both in one run.
 */
const E2E = '**/*.e2e.test.ts';
// The folder test processes share for what they build once per run (test/support/run-folder.ts).
const RUN_FOLDER = './test/support/run-folder-setup.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    // Every core: vitest's default leaves one idle, which on a 2-core machine runs the suite in one process.
    maxWorkers: availableParallelism(),
    // CDK's built-in CloudFormation validation costs about 3 s a synth: construct-level tests skip it; the tests
    // of the whole app synthesize with it on, as `cdk synth` does (infra/test/synth.ts).
    env: { CDK_VALIDATION: 'false' },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['**/*.test.ts'],
          exclude: [...EXCLUDE, E2E],
          // npm run generate on the fixtures, the examples and permissions.yaml, once per run (test/README.md).
          globalSetup: [RUN_FOLDER, './test/support/global-setup.ts'],
          // One module graph per worker instead of one per file: the catalogue, the compiler and CDK load once
          // (about a quarter of the suite's time). A file must leave no global state behind; process.env is put
          // back before each file (clean-environment.ts). The e2e project keeps per-file isolation.
          isolate: false,
          setupFiles: ['./test/support/clean-environment.ts'],
        },
      },
      { extends: true, test: { name: 'e2e', include: [E2E], exclude: EXCLUDE, globalSetup: [RUN_FOLDER] } },
    ],
  },
});
