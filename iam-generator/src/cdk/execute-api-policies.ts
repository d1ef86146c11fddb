import type * as iam from 'aws-cdk-lib/aws-iam';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { PolicyDocumentJson } from '../policy-document.js';
import { executeApiPolicyDocument } from './execute-api-policy-document.js';
import { MalformedPathGuardPolicy } from './malformed-path-guard-policy.js';
import type { ExecuteApiStage } from './stage-arn.js';

export { executeApiPolicyDocument } from './execute-api-policy-document.js';
export type { ExecuteApiStage } from './stage-arn.js';

/** One permissions.yaml role's generated documents, for one stage, with the guard they require. */
export interface RoleExecuteApiPoliciesProps extends ExecuteApiStage {
  /** The role's name in permissions.yaml (for descriptions). */
  readonly role: string;
  /** The role's own documents (`index.json` `roles.ROLE.documents`); possibly none. */
  readonly documents: readonly PolicyDocumentJson[];
  /** The shared malformed-path guard (`_malformed-path-guard.json`); checked to deny every malformed-path pattern. */
  readonly guard: PolicyDocumentJson;
}

/**
 * A role's `execute-api:Invoke` policies as customer managed policies (one per generated document), ready to
 * attach to SageMaker execution roles and to the IAM principals permissions.yaml binds to the role, always
 * together with the stack's one shared malformed-path guard.
 */
export class RoleExecuteApiPolicies extends Construct {
  /** The role's own policies. */
  readonly managedPolicies: readonly ManagedPolicy[];
  /** The shared guard, the same object for every role of the stack, API and stage. */
  readonly guard: ManagedPolicy;

  constructor(scope: Construct, id: string, props: RoleExecuteApiPoliciesProps) {
    super(scope, id);
    this.guard = MalformedPathGuardPolicy.forStage(this, { restApi: props.restApi, stageName: props.stageName, document: props.guard }).managedPolicy;
    this.managedPolicies = props.documents.map(
      (document, i) =>
        new ManagedPolicy(this, `Policy${i + 1}`, {
          description: `MLflow role ${props.role}: execute-api:Invoke on stage ${props.stageName} (${i + 1} of ${props.documents.length}; requires the malformed-path guard)`,
          document: executeApiPolicyDocument(this, props, document),
        }),
    );
  }

  /** Attaches the role's policies and the guard to a principal (a role, user or group): never one without the other. */
  attachTo(principal: iam.IRole | iam.IUser | iam.IGroup): void {
    for (const policy of [this.guard, ...this.managedPolicies]) {
      if ('roleName' in principal) policy.attachToRole(principal);
      else if ('userName' in principal) policy.attachToUser(principal);
      else policy.attachToGroup(principal);
    }
  }
}
