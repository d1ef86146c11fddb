import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorizerTable } from '@mlflow-authz/core';
import type { GeneratedPolicies } from '@mlflow-authz/iam/cdk';
import { readGeneratedPolicies } from '@mlflow-authz/iam/cdk';

/** What the CDK app takes from generated/ (written by `npm run generate` from permissions.yaml). */
export interface GeneratedInputs {
  /** generated/authorizer/permissions.json: stage, cache TTL, Cognito groups, policy version. */
  readonly authorizer: AuthorizerTable;
  /** generated/iam/: each role's execute-api documents, the guard, the API resource policy. */
  readonly policies: GeneratedPolicies;
}

/** Reads generated/ under the project root; throws a message naming the fix if it is missing or out of step. */
export function readGeneratedInputs(root: string): GeneratedInputs {
  let authorizer: AuthorizerTable;
  let policies: GeneratedPolicies;
  try {
    authorizer = JSON.parse(readFileSync(join(root, 'generated/authorizer/permissions.json'), 'utf8')) as AuthorizerTable;
    policies = readGeneratedPolicies(root);
  } catch (error) {
    throw new Error(`cannot read generated/ (${(error as Error).message}); run npm run generate first`, { cause: error });
  }
  if (policies.index.policyVersion !== authorizer.policyVersion || policies.index.apiStageName !== authorizer.apiStageName) {
    throw new Error(
      `generated/ is out of step: the authorizer table is for policy ${authorizer.policyVersion} (stage ${authorizer.apiStageName}), ` +
        `the IAM policies for ${policies.index.policyVersion} (stage ${policies.index.apiStageName}); run npm run generate`,
    );
  }
  return { authorizer, policies };
}
