import type { Operation, PatternSet } from '@mlflow-authz/core';
import { MALFORMED_PATH_DENIES, UnsoundPatternsError, buildPatterns } from '@mlflow-authz/core';
import type { PolicyDocumentJson } from './policy-document.js';
import { stageResources } from './policy-document.js';
import { IAM_LIMITS, MAX_DOCUMENTS_PER_ROLE, arnChars, policyChars } from './policy-size.js';
import { splitDocuments } from './split-documents.js';

/** A role's generated policies could not be made sound or do not fit IAM's quotas; names the role. */
export class RolePolicyError extends Error {
  constructor(
    readonly role: string,
    detail: string,
  ) {
    super(`role ${role}: ${detail}`);
    this.name = 'RolePolicyError';
  }
}

/** What the generator produces for one role. */
export interface RolePolicies {
  readonly role: string;
  readonly patterns: PatternSet;
  readonly documents: readonly PolicyDocumentJson[];
  /** Characters of each document with worst-case placeholder values (white space not counted). */
  readonly sizes: readonly number[];
  /** Characters the role's resources take, by kind (each ARN with its JSON quotes and comma). */
  readonly breakdown: { readonly allow: number; readonly deny: number; readonly malformed: number };
}

/**
 * The IAM surface (`/api/…`) policies for one role: proven patterns (authz-core's builder), as ARNs on
 * `stage`, packed into managed policy documents. Throws RolePolicyError when the patterns cannot be made
 * sound or the documents do not fit IAM's limits.
 */
export function rolePolicies(catalogue: readonly Operation[], role: string, operations: readonly string[], stage: string): RolePolicies {
  let patterns: PatternSet;
  try {
    patterns = buildPatterns(catalogue, { surface: 'iam', granted: new Set(operations) });
  } catch (error) {
    if (error instanceof UnsoundPatternsError) throw new RolePolicyError(role, error.message);
    throw error;
  }
  const resources = stageResources(patterns, stage);
  for (const arn of [...resources.allow, ...resources.deny]) {
    if (arnChars(arn) > IAM_LIMITS.arnChars) throw new RolePolicyError(role, `resource longer than ${IAM_LIMITS.arnChars} characters: ${arn}`);
  }
  const documents = splitDocuments(resources);
  if (documents.length > MAX_DOCUMENTS_PER_ROLE) {
    throw new RolePolicyError(role, `needs ${documents.length} managed policies of ${IAM_LIMITS.managedPolicyChars} characters; at most ${MAX_DOCUMENTS_PER_ROLE} are generated per role`);
  }
  const cost = (arns: readonly string[]): number => arns.reduce((n, arn) => n + arnChars(arn) + 3, 0);
  const malformed = new Set(MALFORMED_PATH_DENIES);
  return {
    role,
    patterns,
    documents,
    sizes: documents.map((d) => policyChars(d)),
    breakdown: {
      allow: cost(resources.allow),
      deny: cost(resources.deny.filter((_, i) => !malformed.has(patterns.deny[i] as string))),
      malformed: cost(resources.deny.filter((_, i) => malformed.has(patterns.deny[i] as string))),
    },
  };
}
