import type { AuthorizerTable } from '@mlflow-authz/core';
import { COOKIE_OPERATIONS } from './cookie-operations.js';
import { ConfigurationError } from './errors.js';
import type { TokenSource } from './token-source.js';

/** Allow and deny resource suffixes (`METHOD/path-glob`, after `…:{apiId}/{stage}/`), as authz-core's pattern builder makes them. */
export interface GrantPatterns {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

/**
 * `whole-grant-patterns.json`: the browser-surface patterns of every distinct set of operations a role set (or a
 * cookie token of one) can be granted, built and proven at build time — building one takes seconds, far too
 * slow for a request. `policyVersion` ties it to generated/authorizer/permissions.json.
 */
export interface WholeGrantPatternTable {
  readonly policyVersion: string;
  /** grantKey(operations) → patterns. */
  readonly grants: Readonly<Record<string, GrantPatterns>>;
}

/** The operations a token from `source` may use when it holds `roles`: the union of the roles' grants (cookie: artifact reads only). */
export function grantedOperations(table: AuthorizerTable, roles: readonly string[], source: TokenSource): Set<string> {
  const operations = new Set<string>();
  for (const role of roles) {
    for (const op of table.roles[role] ?? []) if (source === 'header' || COOKIE_OPERATIONS.has(op)) operations.add(op);
  }
  return operations;
}

/** Every role set the table can produce (all subsets of its roles), for building and checking the pattern table. */
export function allRoleSets(table: AuthorizerTable): string[][] {
  const roles = Object.keys(table.roles).sort();
  if (roles.length > 16) throw new ConfigurationError(`${roles.length} roles: too many role sets to precompute`);
  return Array.from({ length: 1 << roles.length }, (_, mask) => roles.filter((_, i) => (mask & (1 << i)) !== 0));
}

/** Refuses a pattern table built for another permissions.yaml or catalogue than the table's (a stale build). */
export function assertPatternsMatch(table: AuthorizerTable, patterns: WholeGrantPatternTable): void {
  if (patterns.policyVersion !== table.policyVersion) {
    throw new ConfigurationError(
      `whole-grant-patterns.json is for policy version ${patterns.policyVersion}, generated/ is ${table.policyVersion}: run the pattern build again`,
    );
  }
}
