// The cache contract of the authorizer's exact policies, as a check of one later request B against the result
// API Gateway cached for request A, by the decision contract of test/contract/ (the reference router and model,
// not the authorizer's own): A's answer is the contract's (operation included, 401 apart from 403); the cached
// policy, judged by the independent IAM oracle on B, allows B only when B has A's methodArn and A was allowed, and
// on B with A's methodArn decides as the contract does. Whatever API Gateway keys its cache on, B is then never
// allowed wrongly: a coarser key only costs availability.
import type { AuthorizerOutcome, BranchCounts, Credential, Request } from '@mlflow-authz/test/contract';
import { authorizerExpected, showOutcome } from '@mlflow-authz/test/contract';
import { evaluate } from '@mlflow-authz/test/oracle';
import { expect } from 'vitest';
import type { AuthorizerResult, PolicyDocument } from '../src/policy.js';
import { methodArnFor, requestEvent } from './events.js';
import type { TestAuthorizer } from './harness.js';

type Effect = 'allow' | 'deny';

/** What a policy decides for `request` according to the IAM oracle of test/oracle/. */
export function policyDecides(policy: PolicyDocument, request: Request): Effect {
  return evaluate([policy], 'execute-api:Invoke', methodArnFor(request.method, request.path)) === 'allow' ? 'allow' : 'deny';
}

/** The authorizer's result for `request` with `headers`, or null for a 401 (which API Gateway answers without a policy). */
export async function resultFor(authorizer: TestAuthorizer, headers: Record<string, string>, request: Request): Promise<AuthorizerResult | null> {
  try {
    return await authorizer.handler(requestEvent(request.method, request.path, headers));
  } catch (error) {
    expect((error as Error).message).toBe('Unauthorized');
    return null;
  }
}

/** The authorizer's answer as the contract states answers: the policy's verdict on the request and its operation, or a 401. */
export function outcomeOf(result: AuthorizerResult | null, request: Request): AuthorizerOutcome {
  return result === null ? { kind: 'unauthorized' } : { kind: policyDecides(result.policyDocument, request), operation: result.context['operation'] ?? '' };
}

/**
 * Asserts the contract for A and for every B of `bs` against the result cached for A, for a caller holding
 * `granted` whose token comes as `credential` in `headers`: A's answer is the contract's; its policy is one
 * statement naming exactly A's methodArn (never an IAM wildcard when it allows); judged on B it allows only if B's
 * methodArn is A's and A was allowed; on B with A's methodArn it decides as the contract does.
 */
export async function expectExactContract(
  authorizer: TestAuthorizer,
  granted: ReadonlySet<string>,
  credential: Credential,
  headers: Record<string, string>,
  a: Request,
  bs: readonly Request[],
  branches: BranchCounts,
): Promise<void> {
  const cached = await resultFor(authorizer, headers, a);
  const expectedA = authorizerExpected(granted, credential, a);
  expect(showOutcome(outcomeOf(cached, a)), `A = ${a.method} ${a.path}`).toBe(showOutcome(expectedA));
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
      const fresh = authorizerExpected(granted, credential, b);
      expect(onB, where).toBe(fresh.kind === 'allow' ? 'allow' : 'deny');
      branches.count(`same methodArn, ${onB}`);
    } else {
      expect(onB, where).toBe('deny');
      branches.count(`other methodArn, A ${allowedA}`);
    }
  }
}
