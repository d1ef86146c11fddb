// The decision contract for cached whole-grant policies (the lead's), as a check of one later request B:
// exact where the router maps B to an operation or B is a malformed class the policy denies; elsewhere the
// cached policy may allow only what MLflow would run as a granted operation, or nothing.
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import { expect } from 'vitest';
import { evaluate } from '../../test/oracle/iam-evaluator.js';
import { COOKIE_METHODS, COOKIE_OPERATIONS } from '../src/cookie-operations.js';
import type { PolicyDocument } from '../src/policy.js';
import { methodArnFor, requestEvent } from './events.js';
import type { TestAuthorizer } from './harness.js';
import { ROUTER } from './harness.js';
import type { GeneratedRequest } from './request-arbitraries.js';

// MLflow's own reading of escaped unreserved characters (`%73earch` is `search`), for the soundness check.
const MLFLOW_ROUTER = new Router(CATALOGUE, { refuseEncodedUnreserved: false });

// The malformed classes the whole-grant policy must deny outright: `//`, `.`/`..` segments, a backslash,
// escaped `/` `\` `.`, escaped control characters. Written out here, independently of the pattern builder.
const DENIED_MALFORMED = /\/\/|\/\.\.?(?:\/|$)|\\|%2[fFeE]|%5[cC]|%[01][0-9a-fA-F]|%7[fF]/;

type Effect = 'allow' | 'deny';

/** Two authorizers over one table and verifier: one returning whole grants (TTL > 0), one deciding afresh (TTL 0). */
export interface ContractSetup {
  readonly table: AuthorizerTable;
  readonly cached: TestAuthorizer;
  readonly fresh: TestAuthorizer;
}

/** How often each branch of the contract was exercised (so a property comparing only denies is noticed). */
export class BranchCounter {
  private readonly seen = new Map<string, number>();

  /** Counts one occurrence of `branch`. */
  count(branch: string): void {
    this.seen.set(branch, (this.seen.get(branch) ?? 0) + 1);
  }

  /** How often `branch` occurred. */
  of(branch: string): number {
    return this.seen.get(branch) ?? 0;
  }
}

/** What a policy decides for `request` according to the IAM oracle of test/oracle/. */
export function policyDecides(policy: PolicyDocument, request: GeneratedRequest): Effect {
  return evaluate([policy], 'execute-api:Invoke', methodArnFor(request.method, request.path)) === 'allow' ? 'allow' : 'deny';
}

/** The whole-grant policy the cached authorizer returns for `a` (the request whose result API Gateway caches). */
export async function cachedPolicy(setup: ContractSetup, headers: Record<string, string>, a: GeneratedRequest): Promise<PolicyDocument> {
  return (await setup.cached.handler(requestEvent(a.method, a.path, headers))).policyDocument;
}

/**
 * Checks the contract for B with the same token (`headers`); returns the violation, or null. `groups` are the
 * token's groups; `cookie` says the token travels in the artifact cookie.
 */
export async function contractViolation(
  setup: ContractSetup,
  policy: PolicyDocument,
  headers: Record<string, string>,
  groups: readonly string[],
  b: GeneratedRequest,
  cookie: boolean,
  branches: BranchCounter,
): Promise<string | null> {
  const cached = policyDecides(policy, b);
  const fresh = await freshDecision(setup, headers, b);
  const route = ROUTER.route(b.method, b.path);
  if (route.kind === 'operation' || DENIED_MALFORMED.test(b.path)) {
    branches.count(`${route.kind === 'operation' ? 'routed' : 'malformed'} ${fresh}`);
    return cached === fresh ? null : `cached ${cached}, fresh ${fresh} (${route.kind === 'operation' ? route.operation.id : 'malformed'})`;
  }
  branches.count(`unrouted, cached ${cached}`);
  if (cached === 'deny') return null;
  const mlflow = MLFLOW_ROUTER.route(b.method, b.path);
  if (mlflow.kind !== 'operation') return null;
  const op = mlflow.operation.id;
  const cookieMay = !cookie || (COOKIE_OPERATIONS.has(op) && COOKIE_METHODS.has(b.method));
  const allowed = grantsOf(setup.table, groups).has(op) && !b.path.startsWith('/api/') && cookieMay;
  return allowed ? null : `cached allow where MLflow runs ${op}, which is not granted (router: ${route.kind})`;
}

/** Asserts the contract for every B of `bs`, against the whole grant the cached authorizer returns for `a`. */
export async function expectContract(
  setup: ContractSetup,
  token: { readonly headers: Record<string, string>; readonly groups: readonly string[]; readonly cookie: boolean },
  a: GeneratedRequest,
  bs: readonly GeneratedRequest[],
  branches: BranchCounter,
): Promise<void> {
  const policy = await cachedPolicy(setup, token.headers, a);
  for (const b of bs) {
    const problem = await contractViolation(setup, policy, token.headers, token.groups, b, token.cookie, branches);
    expect(problem, `A = ${a.method} ${a.path}, B = ${b.method} ${b.path}, groups [${token.groups.join(', ')}]`).toBeNull();
  }
}

// A fresh call's decision: the TTL-0 authorizer's exact policy, judged by the oracle; a 401 is a deny.
async function freshDecision(setup: ContractSetup, headers: Record<string, string>, request: GeneratedRequest): Promise<Effect> {
  try {
    const result = await setup.fresh.handler(requestEvent(request.method, request.path, headers));
    return policyDecides(result.policyDocument, request);
  } catch {
    return 'deny';
  }
}

function grantsOf(table: AuthorizerTable, groups: readonly string[]): Set<string> {
  const granted = new Set<string>();
  for (const group of groups) {
    const role = table.cognitoGroups[group];
    for (const op of role === undefined ? [] : (table.roles[role] ?? [])) granted.add(op);
  }
  return granted;
}
