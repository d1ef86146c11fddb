import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { PolicyDocumentJson } from '../policy-document.js';

/** The stage the generated policies are for: a REST API (or the id of one in this stack's account and region). */
export interface ExecuteApiStage {
  readonly restApi: IRestApi | string;
  readonly stageName: string;
}

const PLACEHOLDER_PREFIX = 'arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/';

/**
 * The CDK form of one generated document: the same statements, with each ARN's placeholders replaced by the
 * API's real partition, region, account and id (CloudFormation tokens). Throws if a resource is not an
 * execute-api ARN of `stage.stageName`, so that policies generated for another stage are never attached.
 */
export function executeApiPolicyDocument(scope: Construct, stage: ExecuteApiStage, document: PolicyDocumentJson): iam.PolicyDocument {
  const apiId = typeof stage.restApi === 'string' ? stage.restApi : stage.restApi.restApiId;
  const stack = typeof stage.restApi === 'string' ? Stack.of(scope) : Stack.of(stage.restApi);
  const arn = (resource: string): string => {
    const stagePrefix = `${PLACEHOLDER_PREFIX}${stage.stageName}/`;
    if (!resource.startsWith(stagePrefix)) throw new Error(`not an execute-api resource of stage ${stage.stageName}: ${resource}`);
    const resourceName = resource.slice(PLACEHOLDER_PREFIX.length);
    return stack.formatArn({ service: 'execute-api', resource: apiId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName });
  };
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

/** One permissions.yaml role's generated documents, for one stage. */
export interface RoleExecuteApiPoliciesProps extends ExecuteApiStage {
  /** The role's name in permissions.yaml (for descriptions). */
  readonly role: string;
  readonly documents: readonly PolicyDocumentJson[];
}

/**
 * A role's `execute-api:Invoke` policies as customer managed policies (one per generated document), ready to
 * attach to SageMaker execution roles and to the IAM principals permissions.yaml binds to the role.
 */
export class RoleExecuteApiPolicies extends Construct {
  readonly managedPolicies: readonly iam.ManagedPolicy[];

  constructor(scope: Construct, id: string, props: RoleExecuteApiPoliciesProps) {
    super(scope, id);
    this.managedPolicies = props.documents.map(
      (document, i) =>
        new iam.ManagedPolicy(this, `Policy${i + 1}`, {
          description: `MLflow role ${props.role}: execute-api:Invoke on stage ${props.stageName} (${i + 1} of ${props.documents.length})`,
          document: executeApiPolicyDocument(this, props, document),
        }),
    );
  }

  /** Attaches every policy of the role to a principal (a role, user or group). */
  attachTo(principal: iam.IRole | iam.IUser | iam.IGroup): void {
    for (const policy of this.managedPolicies) {
      if ('roleName' in principal) policy.attachToRole(principal);
      else if ('userName' in principal) policy.attachToUser(principal);
      else policy.attachToGroup(principal);
    }
  }
}
