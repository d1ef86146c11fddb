import type { PlaceholderValues } from './placeholders.js';
import { WORST_CASE_VALUES, substitutePlaceholders } from './placeholders.js';

/** IAM quotas the generated policies must respect. */
export const IAM_LIMITS = {
  /** Characters in one customer managed policy, white space not counted. */
  managedPolicyChars: 6144,
  /** Characters in one resource ARN. */
  arnChars: 512,
  /** Managed policies attached to one role by default (adjustable to 20). */
  managedPoliciesPerRole: 10,
  /** Characters of all inline policies of one role together (for documents attached inline by hand). */
  inlineCharsPerRole: 10240,
} as const;

/** Characters in one API Gateway resource policy (adjustable). */
export const API_RESOURCE_POLICY_CHARS = 8192;

/**
 * How many managed policies one principal may take from this generator, the shared guard included: the rest is
 * left for the principal's other policies.
 */
export const MAX_DOCUMENTS_PER_ROLE = 5;

/** Characters IAM counts for a policy `document` once the placeholders hold `values`: its JSON without white space. */
export function policyChars(document: object, values: PlaceholderValues = WORST_CASE_VALUES): number {
  return substitutePlaceholders(JSON.stringify(document), values).length;
}

/** Characters of one resource ARN once the placeholders hold `values`. */
export function arnChars(arn: string, values: PlaceholderValues = WORST_CASE_VALUES): number {
  return substitutePlaceholders(arn, values).length;
}

/** `part` as a percentage of `whole`, one decimal. */
export function percentOf(part: number, whole: number): string {
  return `${((part * 100) / whole).toFixed(1)} %`;
}
