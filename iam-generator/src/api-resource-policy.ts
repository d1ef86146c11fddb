import { GUARD_SID, guardResources } from './malformed-path-guard.js';
import { INVOKE_ACTION } from './policy-document.js';

/** One statement of the API Gateway resource policy: a Deny for every caller, never an Allow. */
export interface ResourcePolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Principal: '*';
  readonly Action: typeof INVOKE_ACTION;
  readonly Resource: readonly string[];
}

/** An API Gateway resource policy document (placeholders still in its ARNs). */
export interface ResourcePolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly ResourcePolicyStatementJson[];
}

/**
 * The malformed-path guard as a resource policy for the REST API: the same ARNs as the managed-policy guard, for
 * every principal (`*`), every method, on `stage`. It holds only Deny statements, so it grants nothing (an Allow
 * there would let callers through without their own policy); it denies the malformed classes on the browser
 * path too, and for principals whose role documents were attached without the guard.
 */
export function apiResourcePolicyGuard(stage: string): ResourcePolicyJson {
  return { Version: '2012-10-17', Statement: [{ Sid: GUARD_SID, Effect: 'Deny', Principal: '*', Action: INVOKE_ACTION, Resource: guardResources(stage) }] };
}
