import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { stageArnPrefix } from '../placeholders.js';

/** The stage the generated policies are for: a REST API (or the id of one in this stack's account and region). */
export interface ExecuteApiStage {
  readonly restApi: IRestApi | string;
  readonly stageName: string;
}

const PLACEHOLDER_PREFIX = 'arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/';

/**
 * The part of a generated resource after the stage (`METHOD/path-glob`). Throws if the resource is not an
 * execute-api ARN of `stageName`, so that policies generated for another stage are never deployed.
 */
export function resourceSuffix(resource: string, stageName: string): string {
  const prefix = stageArnPrefix(stageName);
  if (!resource.startsWith(prefix)) throw new Error(`not an execute-api resource of stage ${stageName}: ${resource}`);
  return resource.slice(prefix.length);
}

/** Maps generated resources (placeholders in) to ARNs of `stage` with the API's real partition, region, account and id (tokens). */
export function stageArns(scope: Construct, stage: ExecuteApiStage): (resource: string) => string {
  const apiId = typeof stage.restApi === 'string' ? stage.restApi : stage.restApi.restApiId;
  const stack = typeof stage.restApi === 'string' ? Stack.of(scope) : Stack.of(stage.restApi);
  return (resource) => {
    resourceSuffix(resource, stage.stageName);
    const resourceName = resource.slice(PLACEHOLDER_PREFIX.length);
    return stack.formatArn({ service: 'execute-api', resource: apiId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName });
  };
}
