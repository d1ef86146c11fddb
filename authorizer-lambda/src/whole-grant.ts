import type { AuthorizerTable } from '@mlflow-authz/core';
import { IAM_PATH_PREFIX } from '@mlflow-authz/core';
import { grantKey } from './grant-key.js';
import type { PolicyDocument, PolicyStatement } from './policy.js';
import { INVOKE } from './policy.js';
import type { TokenSource } from './token-source.js';
import type { WholeGrantPatternTable } from './whole-grant-patterns.js';
import { assertPatternsMatch, grantedOperations } from './whole-grant-patterns.js';

/**
 * `/api/…` belongs to the IAM surface: API Gateway sends it to the `AWS_IAM` resource, and a fresh decision of this
 * authorizer denies it. The browser-surface patterns say nothing about it (a wildcard such as `GET/*` reaches
 * it), so these denies keep a cached policy from allowing what a fresh call denies, should this authorizer ever
 * be put in front of `/api/`. Per method: no browser-surface path starts with `/api/`, so they never deny one.
 */
export const IAM_SURFACE_DENIES: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((m) => `${m}${IAM_PATH_PREFIX}*`);

/**
 * The policies returned when API Gateway caches authorizer results (TTL > 0): everything a role set may do, so
 * the cached policy is right for any later request with the same token. Built from the patterns of the UNION
 * of the roles' operations — concatenating per-role statements would let one role's deny exceptions cancel
 * another role's grants — and memoized per (stage, token source, role set).
 */
export class WholeGrantPolicies {
  // Stage ARN → token source → role key. Nested rather than one joined key: the three strings arrive already
  // hashed (the stage ARN from the methodArn reader, the role key from the cached identity), a joined key never is.
  private readonly memo = new Map<string, Map<TokenSource, Map<string, PolicyDocument>>>();

  /** Throws `ConfigurationError` when the patterns were built for another policy version than the table. */
  constructor(
    private readonly table: AuthorizerTable,
    private readonly patterns: WholeGrantPatternTable,
  ) {
    assertPatternsMatch(table, patterns);
  }

  /**
   * The policy for `roles` (sorted, `roleKey` their join) under `stageArn`. A cookie token gets only the
   * cookie-readable operations. A role set granting nothing gets an explicit Deny of the whole stage: it may
   * call nothing, so no request is lost when API Gateway reuses it.
   */
  forRoles(stageArn: string, roleKey: string, roles: readonly string[], source: TokenSource): PolicyDocument {
    let bySource = this.memo.get(stageArn);
    if (bySource === undefined) this.memo.set(stageArn, (bySource = new Map()));
    let byRoles = bySource.get(source);
    if (byRoles === undefined) bySource.set(source, (byRoles = new Map()));
    let policy = byRoles.get(roleKey);
    if (policy === undefined) byRoles.set(roleKey, (policy = this.build(stageArn, roles, source)));
    return policy;
  }

  private build(stageArn: string, roles: readonly string[], source: TokenSource): PolicyDocument {
    const operations = grantedOperations(this.table, roles, source);
    const denyAll: PolicyStatement = { Effect: 'Deny', Action: INVOKE, Resource: `${stageArn}/*` };
    if (operations.size === 0) return Object.freeze({ Version: '2012-10-17', Statement: [denyAll] });
    const patterns = this.patterns.grants[grantKey(operations)];
    // Every role set's union is in the table (a test enumerates them); a miss is a build defect, and failing
    // here turns the request into a 401 rather than an allow.
    if (patterns === undefined) throw new Error(`no precomputed patterns for the operations of [${roles.join(', ')}] (${source})`);
    const statements: PolicyStatement[] = [];
    const deny = [...patterns.deny, ...IAM_SURFACE_DENIES];
    if (patterns.allow.length > 0) statements.push({ Effect: 'Allow', Action: INVOKE, Resource: patterns.allow.map((s) => `${stageArn}/${s}`) });
    statements.push({ Effect: 'Deny', Action: INVOKE, Resource: deny.map((s) => `${stageArn}/${s}`) });
    return Object.freeze({ Version: '2012-10-17', Statement: patterns.allow.length > 0 ? statements : [denyAll] });
  }
}
