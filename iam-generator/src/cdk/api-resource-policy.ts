import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ResourcePolicyJson } from '../api-resource-policy.js';
import type { ExecuteApiStage } from './stage-arn.js';
import { resourceSuffix, stageArns } from './stage-arn.js';

/** Throws unless every statement is a Deny for every principal: a resource policy Allow would grant by itself. */
function checkDenyOnly(document: ResourcePolicyJson): void {
  for (const s of document.Statement) {
    if (s.Effect !== 'Deny' || s.Principal !== '*') throw new Error(`the API resource-policy guard may hold only Deny statements for Principal "*" (statement ${s.Sid})`);
  }
}

function policy(document: ResourcePolicyJson, resource: (generated: string) => string): iam.PolicyDocument {
  checkDenyOnly(document);
  return new iam.PolicyDocument({
    statements: document.Statement.map(
      (s) => new iam.PolicyStatement({ sid: s.Sid, effect: iam.Effect.DENY, principals: [new iam.StarPrincipal()], actions: [s.Action], resources: s.Resource.map(resource) }),
    ),
  });
}

/**
 * The API resource-policy guard (`api-resource-policy-guard.json`) as an `iam.PolicyDocument` for
 * `stage.restApi`, with real ARN tokens. Not for that RestApi's own `policy` in the same template: the API
 * would reference its own id, a dependency cycle CloudFormation refuses (aws/aws-cdk#5660); use
 * `ownApiResourcePolicyGuard` there. Throws on a statement that is not a Deny for `*` or a resource of another stage.
 */
export function apiResourcePolicyGuardDocument(scope: Construct, stage: ExecuteApiStage, document: ResourcePolicyJson): iam.PolicyDocument {
  return policy(document, stageArns(scope, stage));
}

/**
 * The same guard in API Gateway's abbreviated resource form (`execute-api:/STAGE/METHOD/path`), which API
 * Gateway expands to the full ARN of the API the policy is saved on: for `new RestApi(…, { policy })` or
 * `restApi.addToResourcePolicy` of the API itself. Same checks as `apiResourcePolicyGuardDocument`.
 */
export function ownApiResourcePolicyGuard(stageName: string, document: ResourcePolicyJson): iam.PolicyDocument {
  return policy(document, (resource) => `execute-api:/${stageName}/${resourceSuffix(resource, stageName)}`);
}
