// The cache-safety property of the exact policies: the result API Gateway caches for request A, judged by the
// independent IAM oracle on any later request B with the same token, allows B only when B has A's methodArn and
// A was allowed, and decides B with A's methodArn as a fresh call would (test/cache-contract.ts). So the policy
// is right under any cache key; a key without the method and path would only deny requests it should allow.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { BranchCounter, expectExactContract } from '../test/cache-contract.js';
import { bearer, requestEvent } from '../test/events.js';
import type { TestAuthorizer } from '../test/harness.js';
import { tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import type { GeneratedRequest } from '../test/request-arbitraries.js';
import { anyRequest, plainCatalogueRequest } from '../test/request-arbitraries.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';

const key = generateTestKey('cache-key');
const GROUPS = fc.subarray(['admins', 'readers', 'model-approvers', 'contractors'], { minLength: 0 });
const jwks = useJwksServer(key);
let authorizer: TestAuthorizer;
useLogCapture(); // only to keep the decision log out of the test output

beforeAll(() => {
  authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) });
});

function tokenFor(groups: readonly string[]): string {
  return signRs256(key, cognitoIdClaims(groups.length === 0 ? {} : { groups }));
}

// Later requests: A itself (the cache hit the recommended key gives), A in another method, and anything.
function laterRequests(a: GeneratedRequest): fc.Arbitrary<GeneratedRequest[]> {
  const sameArn = fc.constant(a);
  const otherMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE').map((method) => ({ method, path: a.path }));
  return fc.array(fc.oneof(sameArn, otherMethod, anyRequest, plainCatalogueRequest), { minLength: 1, maxLength: 8 });
}

describe('the exact policy, cached for request A, on any later request B with the same token', () => {
  it('allows B only when B is A and A was allowed, and then decides as a fresh call (bearer token)', async () => {
    const branches = new BranchCounter();
    await fc.assert(
      fc.asyncProperty(
        GROUPS,
        anyRequest.chain((a) => fc.tuple(fc.constant(a), laterRequests(a))),
        (groups, [a, bs]) => expectExactContract(authorizer, bearer(tokenFor(groups)), a, bs, branches),
      ),
      { numRuns: 800 },
    );
    // Exercised: cached allows and denies hit again by the same request, and cached allows refused elsewhere.
    expect(branches.of('same methodArn, allow')).toBeGreaterThan(100);
    expect(branches.of('same methodArn, deny')).toBeGreaterThan(100);
    expect(branches.of('other methodArn, A allow')).toBeGreaterThan(300);
    expect(branches.of('other methodArn, A deny')).toBeGreaterThan(300);
  });

  it('does the same for the cookie token of an artifact read', async () => {
    const branches = new BranchCounter();
    const artifactRead = fc.constantFrom<GeneratedRequest>(
      { method: 'GET', path: '/get-artifact' },
      { method: 'HEAD', path: '/model-versions/get-artifact' },
      { method: 'GET', path: '/ajax-api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/a.png' },
      { method: 'GET', path: '/ajax-api/2.0/mlflow/experiments/get' },
    );
    await fc.assert(
      fc.asyncProperty(GROUPS, artifactRead.chain((a) => fc.tuple(fc.constant(a), laterRequests(a))), (groups, [a, bs]) =>
        expectExactContract(authorizer, { Cookie: `${TOKEN_COOKIE_NAME}=${tokenFor(groups)}` }, a, bs, branches),
      ),
      { numRuns: 300 },
    );
    expect(branches.of('same methodArn, allow')).toBeGreaterThan(50);
    expect(branches.of('other methodArn, A allow')).toBeGreaterThan(50);
    expect(branches.of('A unauthorized')).toBeGreaterThan(20);
  });

  it('never allows a path that holds an IAM wildcard: a policy naming it would match other requests', async () => {
    const token = bearer(tokenFor(['admins']));
    for (const path of ['/ajax-api/2.0/mlflow-artifacts/artifacts/a*b.png', '/get-artifact*', '/static-files/*']) {
      const result = await authorizer.handler(requestEvent('GET', path, token));
      expect(result.policyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Deny' })]);
    }
  });
});
