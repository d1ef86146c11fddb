import type { Operation, PatternSet } from '@mlflow-authz/core';
import { MALFORMED_PATH_DENIES, UnsoundPatternsError, buildPatterns, verifyPatterns } from '@mlflow-authz/core';
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
  /** The role's own patterns: its allows and deny exceptions (the malformed-path denies are in the shared guard). */
  readonly patterns: PatternSet;
  /** The role's own documents (none when it may call nothing on the IAM surface); every principal also needs the guard. */
  readonly documents: readonly PolicyDocumentJson[];
  /** Characters of each document with worst-case placeholder values (white space not counted). */
  readonly sizes: readonly number[];
  /** Characters the role's resources take, by kind (each ARN with its JSON quotes and comma). */
  readonly breakdown: { readonly allow: number; readonly deny: number };
}

/**
 * The IAM surface (`/api/…`) policies for one role, to be attached together with the shared malformed-path
 * guard: proven patterns (authz-core's builder, checked with the guard's denies in force) minus the guard's
 * denies, as ARNs on `stage`, packed into managed policy documents. Also proves that the role's documents
 * alone decide every request outside the malformed classes as the contract says, so that a principal missing
 * the guard loses only the malformed-path denies. Throws RolePolicyError when either proof fails or the
 * documents do not fit IAM's limits.
 */
export function rolePolicies(catalogue: readonly Operation[], role: string, operations: readonly string[], stage: string): RolePolicies {
  const request = { surface: 'iam' as const, granted: new Set(operations) };
  let full: PatternSet;
  try {
    full = buildPatterns(catalogue, request);
  } catch (error) {
    if (error instanceof UnsoundPatternsError) throw new RolePolicyError(role, error.message);
    throw error;
  }
  const patterns: PatternSet = { allow: full.allow, deny: full.deny.filter((d) => !MALFORMED_PATH_DENIES.includes(d)) };
  const alone = verifyPatterns(catalogue, request, patterns, 20, { malformedDenies: 'shared' });
  if (alone.violations.length > 0 || alone.problems.length > 0) {
    throw new RolePolicyError(role, new UnsoundPatternsError('iam patterns without the shared malformed-path guard', alone.violations, alone.problems).message);
  }
  const resources = stageResources(patterns, stage);
  for (const arn of [...resources.allow, ...resources.deny]) {
    if (arnChars(arn) > IAM_LIMITS.arnChars) throw new RolePolicyError(role, `resource longer than ${IAM_LIMITS.arnChars} characters: ${arn}`);
  }
  const documents = splitDocuments(resources);
  if (documents.length + 1 > MAX_DOCUMENTS_PER_ROLE) {
    throw new RolePolicyError(
      role,
      `needs ${documents.length} managed policies of ${IAM_LIMITS.managedPolicyChars} characters besides the shared guard; at most ${MAX_DOCUMENTS_PER_ROLE} are generated per principal, the guard included`,
    );
  }
  const cost = (arns: readonly string[]): number => arns.reduce((n, arn) => n + arnChars(arn) + 3, 0);
  return {
    role,
    patterns,
    documents,
    sizes: documents.map((d) => policyChars(d)),
    breakdown: { allow: cost(resources.allow), deny: cost(resources.deny) },
  };
}
