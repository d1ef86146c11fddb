import type { PlaceholderValues } from './placeholders.js';
import { WORST_CASE_VALUES, substitutePlaceholders } from './placeholders.js';
import type { PolicyDocumentJson } from './policy-document.js';

/** IAM quotas the generated policies must respect. */
export const IAM_LIMITS = {
  /** Characters in one customer managed policy, white space not counted. */
  managedPolicyChars: 6144,
  /** Characters in one resource ARN. */
  arnChars: 512,
  /** Managed policies attached to one role by default (adjustable to 20). */
  managedPoliciesPerRole: 10,
} as const;

/** How many managed policies one role may take from this generator: the rest is left for the role's others. */
export const MAX_DOCUMENTS_PER_ROLE = 5;

/** Characters IAM counts for `document` once the placeholders hold `values`: its JSON without white space. */
export function policyChars(document: PolicyDocumentJson, values: PlaceholderValues = WORST_CASE_VALUES): number {
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
