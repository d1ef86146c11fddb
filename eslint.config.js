// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { noRelativePackages } from './eslint-rules/package-boundaries.js';

// Packages below authz-core in the data flow (permissions.yaml → authz-core → generated/ → authorizer-lambda,
// iam-generator → infra). authz-core must never import them, nor any AWS package.
const DOWNSTREAM = ['@mlflow-authz/authorizer', '@mlflow-authz/iam', '@mlflow-authz/infra', '@mlflow-authz/ui-patch'];
const AWS = ['aws-*', '@aws-*/**', '@aws-sdk/**', 'aws-cdk-lib', 'constructs'];
const IO_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**', 'generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { boundaries: { rules: { 'no-relative-packages': noRelativePackages } } },
    rules: {
      // Each package is reached through its name and the surface its package.json exports, never by a path.
      'boundaries/no-relative-packages': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['authz-core/src/**/*.ts'],
    ignores: ['authz-core/src/cli/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: 'authz-core is pure: I/O belongs in authz-core/src/cli.' })),
          patterns: [
            { group: [...DOWNSTREAM, ...AWS], message: 'authz-core must not depend on downstream or AWS packages.' },
            { group: ['**/authorizer-lambda/**', '**/iam-generator/**', '**/infra/**', '**/ui-patch/**', '**/test/**'], message: 'Data flows one way: authz-core imports nothing downstream.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI and the bench do I/O, but reach nothing downstream either.
    files: ['authz-core/src/cli/**/*.ts', 'authz-core/bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...DOWNSTREAM, ...AWS, '**/authorizer-lambda/**', '**/iam-generator/**', '**/infra/**', '**/ui-patch/**'], message: 'Data flows one way: authz-core imports nothing downstream.' }] },
      ],
    },
  },
  ...enforcementPointRules(),
  // ui-patch's browser script runs in the page, not in Node.
  { files: ['ui-patch/src/browser/**/*.ts'], ignores: ['**/*.test.ts'], languageOptions: { globals: { ...globals.browser } } },
  // Local mode's stand-in MLflow UI app: a classic script served to the browser.
  { files: ['local/src/ui/stand-in-app.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser } } },
);

/**
 * The two enforcement points consume generated/ and authz-core, never infra, the tests, local mode or each other;
 * so do the authorizer's bundle builder and the benches of both (which may also use the shared test support).
 */
function enforcementPointRules() {
  const consumers = ['@mlflow-authz/infra', '@mlflow-authz/ui-patch', '@mlflow-authz/local'];
  const rule = (forbidden) => ({
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: 'Data flows one way: enforcement points import authz-core and generated/ only.' }] }],
  });
  return [
    { files: ['authorizer-lambda/src/**/*.ts', 'authorizer-lambda/bundle/**/*.ts'], ignores: ['**/*.test.ts'], rules: rule([...consumers, '@mlflow-authz/test', '@mlflow-authz/test/*', '@mlflow-authz/iam', '@mlflow-authz/iam/*']) },
    { files: ['authorizer-lambda/bench/**/*.ts'], rules: rule([...consumers, '@mlflow-authz/iam', '@mlflow-authz/iam/*']) },
    { files: ['iam-generator/src/**/*.ts'], ignores: ['**/*.test.ts'], rules: rule([...consumers, '@mlflow-authz/test', '@mlflow-authz/test/*', '@mlflow-authz/authorizer', '@mlflow-authz/authorizer/*']) },
  ];
}
