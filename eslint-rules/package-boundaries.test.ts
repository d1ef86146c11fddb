import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { noRelativePackages } from './package-boundaries.js';

const REPO = new URL('../', import.meta.url).pathname;
RuleTester.describe = describe;
RuleTester.it = it;

new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } }).run('boundaries/no-relative-packages', noRelativePackages, {
  valid: [
    { filename: `${REPO}authorizer-lambda/src/authorizer.ts`, code: "import { x } from './policy.js';" },
    { filename: `${REPO}authorizer-lambda/src/authorizer.ts`, code: "import { x } from '../test/harness.js';" },
    { filename: `${REPO}authorizer-lambda/src/lambda.ts`, code: "import table from '../../generated/authorizer/permissions.json';" },
    { filename: `${REPO}test/parity/parity.test.ts`, code: "import { x } from '@mlflow-authz/authorizer/testing';" },
    { filename: `${REPO}scripts/bench/generation.bench.ts`, code: "import { x } from '../generate-pipeline.js';" },
  ],
  invalid: [
    { filename: `${REPO}test/parity/parity.test.ts`, code: "import { x } from '../../authorizer-lambda/test/harness.js';", errors: [{ messageId: 'relative' }] },
    { filename: `${REPO}infra/test/app.test.ts`, code: "export { x } from '../../authorizer-lambda/src/config.js';", errors: [{ messageId: 'relative' }] },
    { filename: `${REPO}scripts/generate.test.ts`, code: "const m = await import('../iam-generator/src/stage.js');", errors: [{ messageId: 'relative' }] },
    { filename: `${REPO}authz-core/src/x.test.ts`, code: "export * from '../../test/oracle/iam-evaluator.js';", errors: [{ messageId: 'relative' }] },
  ],
});
