import type { AuthorizerTable } from '@mlflow-authz/core';
import { COOKIE_OPERATIONS } from './cookie-operations.js';
import type { PolicyDocument, PolicyStatement } from './policy.js';
import { INVOKE } from './policy.js';
import type { TokenSource } from './token-source.js';

/** The allow statements and explicit deny exceptions granting exactly `operations` on the browser surface of a stage. */
export type GrantStatements = (operations: ReadonlySet<string>, stageArn: string) => readonly PolicyStatement[];

/**
 * The policies returned when API Gateway caches authorizer results (TTL > 0): everything a role set may do, so
 * the cached policy is right for any later request with the same token. Built once per (stage, token source,
 * role set) from the UNION of the roles' operations — concatenating per-role statements would let one role's
 * deny exceptions cancel another role's grants.
 */
export class WholeGrantPolicies {
  private readonly memo = new Map<string, PolicyDocument>();

  constructor(
    private readonly table: AuthorizerTable,
    private readonly statements: GrantStatements,
  ) {}

  /**
   * The policy for `roles` (sorted, `roleKey` their join). A cookie token gets only the cookie-readable
   * operations. A role set granting nothing gets an explicit Deny of the whole stage: no request is lost by it.
   */
  forRoles(stageArn: string, roleKey: string, roles: readonly string[], source: TokenSource): PolicyDocument {
    const key = `${stageArn}\n${source}\n${roleKey}`;
    let policy = this.memo.get(key);
    if (policy === undefined) {
      policy = this.build(stageArn, roles, source);
      this.memo.set(key, policy);
    }
    return policy;
  }

  private build(stageArn: string, roles: readonly string[], source: TokenSource): PolicyDocument {
    const operations = new Set<string>();
    for (const role of roles) {
      for (const op of this.table.roles[role] ?? []) if (source === 'header' || COOKIE_OPERATIONS.has(op)) operations.add(op);
    }
    const statements = operations.size === 0 ? [] : this.statements(operations, stageArn);
    const denyAll: PolicyStatement = { Effect: 'Deny', Action: INVOKE, Resource: `${stageArn}/*` };
    const allows = statements.some((s) => s.Effect === 'Allow');
    return Object.freeze({ Version: '2012-10-17', Statement: allows ? statements : [denyAll] });
  }
}
