// The cache contract of the authorizer's exact policies, as a check of one later request B against the result
// API Gateway cached for request A: judged by the independent IAM oracle (test/oracle/), the cached policy
// allows B only when B has A's methodArn and A was allowed; for B with A's methodArn it decides as a fresh call.
// Whatever API Gateway keys its cache on, B is then never allowed wrongly: a coarser key only costs availability.
import { expect } from 'vitest';
import { evaluate } from '../../test/oracle/iam-evaluator.js';
import type { AuthorizerResult, PolicyDocument } from '../src/policy.js';
import { methodArnFor, requestEvent } from './events.js';
import type { TestAuthorizer } from './harness.js';
import type { GeneratedRequest } from './request-arbitraries.js';

type Effect = 'allow' | 'deny';

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

/** The authorizer's result for `request` with `headers`, or null for a 401 (which API Gateway answers without a policy). */
export async function resultFor(authorizer: TestAuthorizer, headers: Record<string, string>, request: GeneratedRequest): Promise<AuthorizerResult | null> {
  try {
    return await authorizer.handler(requestEvent(request.method, request.path, headers));
  } catch (error) {
    expect((error as Error).message).toBe('Unauthorized');
    return null;
  }
}

/**
 * Asserts the contract for every B of `bs` against the result cached for `a` with the same `headers`: the policy
 * is one statement naming exactly A's methodArn (never an IAM wildcard when it allows); judged on B it allows only
 * if B's methodArn is A's and A was allowed; on B with A's methodArn it equals a fresh call for B.
 */
export async function expectExactContract(
  authorizer: TestAuthorizer,
  headers: Record<string, string>,
  a: GeneratedRequest,
  bs: readonly GeneratedRequest[],
  branches: BranchCounter,
): Promise<void> {
  const cached = await resultFor(authorizer, headers, a);
  if (cached === null) {
    branches.count('A unauthorized');
    return;
  }
  const arnA = methodArnFor(a.method, a.path);
  const [statement, ...others] = cached.policyDocument.Statement;
  expect(others, `A = ${a.method} ${a.path}`).toEqual([]);
  expect(statement?.Resource, `A = ${a.method} ${a.path}`).toBe(arnA);
  if (statement?.Effect === 'Allow') expect(arnA, 'an Allow never names an IAM wildcard').not.toMatch(/[*?]/);
  const allowedA = policyDecides(cached.policyDocument, a);
  for (const b of bs) {
    const onB = policyDecides(cached.policyDocument, b);
    const where = `A = ${a.method} ${a.path} (${allowedA}), B = ${b.method} ${b.path}`;
    if (methodArnFor(b.method, b.path) === arnA) {
      const fresh = await resultFor(authorizer, headers, b);
      expect(onB, where).toBe(fresh === null ? 'deny' : policyDecides(fresh.policyDocument, b));
      branches.count(`same methodArn, ${onB}`);
    } else {
      expect(onB, where).toBe('deny');
      branches.count(`other methodArn, A ${allowedA}`);
    }
  }
}
