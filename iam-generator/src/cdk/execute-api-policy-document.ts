import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { PolicyDocumentJson } from '../policy-document.js';
import type { ExecuteApiStage } from './stage-arn.js';
import { stageArns } from './stage-arn.js';

/**
 * The CDK form of one generated identity document: the same statements, with each ARN's placeholders replaced
 * by the API's real partition, region, account and id (CloudFormation tokens). Throws if a resource is not an
 * execute-api ARN of `stage.stageName`, so that policies generated for another stage are never attached.
 */
export function executeApiPolicyDocument(scope: Construct, stage: ExecuteApiStage, document: PolicyDocumentJson): iam.PolicyDocument {
  const arn = stageArns(scope, stage);
  return new iam.PolicyDocument({
    statements: document.Statement.map(
      (s) =>
        new iam.PolicyStatement({
          sid: s.Sid,
          effect: s.Effect === 'Allow' ? iam.Effect.ALLOW : iam.Effect.DENY,
          actions: [s.Action],
          resources: s.Resource.map(arn),
        }),
    ),
  });
}
