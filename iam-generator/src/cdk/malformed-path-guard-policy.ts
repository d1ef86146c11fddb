import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MALFORMED_PATH_DENIES } from '@mlflow-authz/core';
import type { PolicyDocumentJson } from '../policy-document.js';
import { executeApiPolicyDocument } from './execute-api-policy-document.js';
import type { ExecuteApiStage } from './stage-arn.js';
import { resourceSuffix } from './stage-arn.js';

/** The guard for one stage, with the generated document (`_malformed-path-guard.json`). */
export interface MalformedPathGuardProps extends ExecuteApiStage {
  readonly document: PolicyDocumentJson;
}

/**
 * Throws unless `document` is a guard: Deny statements only, denying every malformed-path pattern on
 * `stageName`. Role documents hold no malformed-path denies, so attaching them with anything less would
 * leave those paths open.
 */
export function checkGuardDocument(document: PolicyDocumentJson, stageName: string): void {
  if (document.Statement.some((s) => s.Effect !== 'Deny')) throw new Error('the malformed-path guard may hold only Deny statements');
  const denied = new Set(document.Statement.flatMap((s) => s.Resource.map((r) => resourceSuffix(r, stageName))));
  const missing = MALFORMED_PATH_DENIES.filter((pattern) => !denied.has(pattern));
  if (missing.length > 0) throw new Error(`the malformed-path guard for stage ${stageName} does not deny ${missing.join(' ')}`);
}

/**
 * The shared malformed-path guard as one customer managed policy per stack and API stage: every role's
 * policies require it, and `forStage` hands all of them the same one.
 */
export class MalformedPathGuardPolicy extends Construct {
  readonly managedPolicy: iam.ManagedPolicy;
  private readonly documentJson: string;

  /** The stack's guard for `props`' API and stage, created on first use; throws if asked for with another document. */
  static forStage(scope: Construct, props: MalformedPathGuardProps): MalformedPathGuardPolicy {
    const stack = Stack.of(scope);
    const api = typeof props.restApi === 'string' ? props.restApi : props.restApi.node.path;
    const id = `MalformedPathGuard${createHash('sha256').update(`${api}\n${props.stageName}`).digest('hex').slice(0, 8)}`;
    const existing = stack.node.tryFindChild(id);
    if (existing === undefined) {
      // Checked before the construct joins the tree, so that a refused guard leaves nothing behind.
      checkGuardDocument(props.document, props.stageName);
      return new MalformedPathGuardPolicy(stack, id, props);
    }
    if (!(existing instanceof MalformedPathGuardPolicy) || existing.documentJson !== JSON.stringify(props.document)) {
      throw new Error(`stack ${stack.stackName} already has a different malformed-path guard for stage ${props.stageName}`);
    }
    return existing;
  }

  private constructor(scope: Construct, id: string, props: MalformedPathGuardProps) {
    super(scope, id);
    this.documentJson = JSON.stringify(props.document);
    this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', {
      description: `MLflow: deny malformed request paths (execute-api:Invoke) on stage ${props.stageName}; required by every MLflow role's policies`,
      document: executeApiPolicyDocument(this, props, props.document),
    });
  }
}
