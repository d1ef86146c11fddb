import type { BuiltPatterns, PatternCollision, PatternSet, SigV4Exception } from '@mlflow-authz/core';
import { MALFORMED_PATH_DENIES } from '@mlflow-authz/core';
import type { PolicyDocumentJson } from './policy-document.js';
import { stageResources } from './policy-document.js';
import { IAM_LIMITS, MAX_DOCUMENTS_PER_ROLE, arnChars, policyChars } from './policy-size.js';
import { splitDocuments } from './split-documents.js';
import { lostClass } from './lost-class.js';

/** A role's generated policies do not fit IAM's quotas; names the role. */
export class RolePolicyError extends Error {
  constructor(
    readonly role: string,
    readonly detail: string,
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
  /** Requests the role may call that its documents deny (collisions the patterns fail closed on). */
  readonly sigv4Exceptions: readonly SigV4Exception[];
}

/**
 * The IAM surface (`/api/…`) policies for one role, to be attached together with the shared malformed-path
 * guard: the role's proven patterns (authz-core's builder proves each method's part without the guard's denies,
 * so the documents hold alone as well as with the guard) minus the guard's denies, as ARNs on `stage`, packed
 * into managed policy documents. Throws RolePolicyError when they do not fit IAM's limits.
 */
export function rolePolicies(role: string, built: BuiltPatterns, stage: string): RolePolicies {
  const patterns: PatternSet = { allow: built.allow, deny: built.deny.filter((d) => !MALFORMED_PATH_DENIES.includes(d)) };
  const resources = stageResources(patterns, stage);
  for (const arn of [...resources.allow, ...resources.deny]) {
    if (arnChars(arn) > IAM_LIMITS.arnChars) throw new RolePolicyError(role, `resource longer than ${IAM_LIMITS.arnChars} characters: ${arn}`);
  }
  const documents = splitDocuments(resources);
  if (documents.length + 1 > MAX_DOCUMENTS_PER_ROLE) {
    throw new RolePolicyError(
      role,
      `its IAM policies need ${documents.length} managed policies of ${IAM_LIMITS.managedPolicyChars} characters besides the shared guard, and at most ${MAX_DOCUMENTS_PER_ROLE} are generated per principal (the guard included); split the role into roles of fewer areas, or grant whole areas (\`area:access\`) instead of single operations, which compress better`,
    );
  }
  const cost = (arns: readonly string[]): number => arns.reduce((n, arn) => n + arnChars(arn) + 3, 0);
  return {
    role,
    patterns,
    documents,
    sizes: documents.map((d) => policyChars(d)),
    breakdown: { allow: cost(resources.allow), deny: cost(resources.deny) },
    sigv4Exceptions: built.collisions.flatMap((c) => exceptionsOf(role, c)),
  };
}

function exceptionsOf(role: string, collision: PatternCollision): SigV4Exception[] {
  return collision.lost.map((lost) => ({
    role,
    operation: lost.operation,
    resource: collision.deny,
    example: `${collision.method} ${lost.example}`,
    lostClass: lostClass(lost),
    protects: collision.protects.operation,
  }));
}
