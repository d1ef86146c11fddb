// The cache-safety property of the exact policies: the result API Gateway caches for request A, judged by the
// independent IAM oracle on any later request B with the same token, allows B only when B has A's methodArn and
// A was allowed, and decides B with A's methodArn as the decision contract does (test/cache-contract.ts); A's own
// answer is the contract's, operation included. So the policy is right under any cache key; a key without the
// method and path would only deny requests it should allow.
import { anyRequest, BranchCounts, plainCatalogueRequest } from '@mlflow-authz/test/contract';
import type { Request } from '@mlflow-authz/test/contract';
import { referenceModel, rightsOfGroups } from '@mlflow-authz/test/reference';
import { fixtureYaml, TEAM } from '@mlflow-authz/test/fixtures';
import { CATALOGUE } from '@mlflow-authz/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLogCapture } from '../test/fixtures.js';
import { expectExactContract } from '../test/cache-contract.js';
import { bearer, requestEvent } from '../test/events.js';
import type { TestAuthorizer } from '../test/harness.js';
import { tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey, jwksOf } from '../test/keys.js';
import { groupTokens } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';

const RUNS = Number(process.env['CACHE_PROPERTY_RUNS'] ?? 800);
const COOKIE_RUNS = Number(process.env['CACHE_COOKIE_RUNS'] ?? 300);
const key = generateTestKey('cache-key');
// The fixture's groups (each binds one role) and one no role binds.
const model = referenceModel(fixtureYaml(TEAM), CATALOGUE);
const GROUPS = fc.subarray([...model.roleOfGroup.keys(), 'contractors'], { minLength: 0 });
let authorizer: TestAuthorizer;
useLogCapture(); // only to keep the decision log out of the test output

beforeAll(() => {
  authorizer = testAuthorizer({ mode: 'cognito', jwks: jwksOf(key), table: tableWithTtl(300) });
});

const tokenFor = groupTokens(key);

/** The operations a user in `groups` holds, as the reference reads the fixture. */
const rightsOf = (groups: readonly string[]): ReadonlySet<string> => rightsOfGroups(model, groups);

// Later requests: A itself (the cache hit the recommended key gives), A in another method, and anything.
function laterRequests(a: Request): fc.Arbitrary<Request[]> {
  const sameArn = fc.constant(a);
  const otherMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE').map((method) => ({ method, path: a.path }));
  return fc.array(fc.oneof(sameArn, otherMethod, anyRequest, plainCatalogueRequest), { minLength: 1, maxLength: 8 });
}

describe('the exact policy, cached for request A, on any later request B with the same token', () => {
  it(`allows B only when B is A and A was allowed, and then decides as the contract (bearer token, ${RUNS} runs)`, async () => {
    const branches = new BranchCounts();
    await fc.assert(
      fc.asyncProperty(
        GROUPS,
        anyRequest.chain((a) => fc.tuple(fc.constant(a), laterRequests(a))),
        (groups, [a, bs]) => expectExactContract(authorizer, rightsOf(groups), 'bearer', bearer(tokenFor(groups)), a, bs, branches),
      ),
      { numRuns: RUNS },
    );
    // Exercised: cached allows and denies hit again by the same request, and cached allows refused elsewhere.
    expect(branches.of('same methodArn, allow')).toBeGreaterThanOrEqual(RUNS / 8);
    expect(branches.of('same methodArn, deny')).toBeGreaterThanOrEqual(RUNS / 8);
    expect(branches.of('other methodArn, A allow')).toBeGreaterThanOrEqual((RUNS * 3) / 8);
    expect(branches.of('other methodArn, A deny')).toBeGreaterThanOrEqual((RUNS * 3) / 8);
  });

  it(`does the same for the cookie token of an artifact read (${COOKIE_RUNS} runs)`, async () => {
    const branches = new BranchCounts();
    const artifactRead = fc.constantFrom<Request>(
      { method: 'GET', path: '/get-artifact' },
      { method: 'HEAD', path: '/model-versions/get-artifact' },
      { method: 'GET', path: '/ajax-api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/a.png' },
      { method: 'GET', path: '/ajax-api/2.0/mlflow/experiments/get' },
    );
    await fc.assert(
      fc.asyncProperty(GROUPS, artifactRead.chain((a) => fc.tuple(fc.constant(a), laterRequests(a))), (groups, [a, bs]) =>
        expectExactContract(authorizer, rightsOf(groups), 'cookie', { Cookie: `${TOKEN_COOKIE_NAME}=${tokenFor(groups)}` }, a, bs, branches),
      ),
      { numRuns: COOKIE_RUNS },
    );
    expect(branches.of('same methodArn, allow')).toBeGreaterThanOrEqual(COOKIE_RUNS / 6);
    expect(branches.of('other methodArn, A allow')).toBeGreaterThanOrEqual(COOKIE_RUNS / 6);
    expect(branches.of('A unauthorized')).toBeGreaterThanOrEqual(COOKIE_RUNS / 15);
  });

  it('never allows a path that holds an IAM wildcard: a policy naming it would match other requests', async () => {
    const token = bearer(tokenFor(['admins']));
    for (const path of ['/ajax-api/2.0/mlflow-artifacts/artifacts/a*b.png', '/get-artifact*', '/static-files/*']) {
      const result = await authorizer.handler(requestEvent('GET', path, token));
      expect(result.policyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Deny' })]);
    }
  });
});
