// The cache-safety property: the whole-grant policy returned for request A, evaluated by the independent IAM
// oracle on a later request B with the same token, decides B as a fresh (uncached) call for B would — exactly
// where the router maps B to an operation or B is a malformed class the policy denies, soundly elsewhere
// (test/cache-contract.ts). A from anything; B from catalogue routes with random values and near misses.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import type { ContractSetup } from '../test/cache-contract.js';
import { BranchCounter, cachedPolicy, expectContract } from '../test/cache-contract.js';
import { bearer } from '../test/events.js';
import { GENERATED_TABLE, tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import type { GeneratedRequest } from '../test/request-arbitraries.js';
import { anyRequest, plainCatalogueRequest } from '../test/request-arbitraries.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';

const key = generateTestKey('cache-key');
const GROUPS = fc.subarray(['admins', 'readers', 'model-approvers', 'contractors'], { minLength: 0 });
const jwks = useJwksServer(key);
let setup: ContractSetup;
useLogCapture(); // only to keep the decision log out of the test output

beforeAll(() => {
  setup = {
    table: GENERATED_TABLE,
    cached: testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) }),
    fresh: testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(0) }),
  };
});

function tokenFor(groups: readonly string[]): string {
  return signRs256(key, cognitoIdClaims(groups.length === 0 ? {} : { groups }));
}

describe('the whole-grant policy (cache TTL > 0) of the default roles', () => {
  it('decides every later request with the same bearer token as a fresh call would (or more strictly, soundly)', async () => {
    const branches = new BranchCounter();
    await fc.assert(
      fc.asyncProperty(GROUPS, anyRequest, fc.array(anyRequest, { minLength: 1, maxLength: 8 }), (groups, a, bs) =>
        expectContract(setup, { headers: bearer(tokenFor(groups)), groups, cookie: false }, a, bs, branches),
      ),
      { numRuns: 1000 },
    );
    // Exercised: many routed requests allowed and denied, malformed ones, and unrouted ones the policy allows.
    expect(branches.of('routed allow')).toBeGreaterThan(500);
    expect(branches.of('routed deny')).toBeGreaterThan(500);
    expect(branches.of('malformed deny')).toBeGreaterThan(200);
    expect(branches.of('unrouted, cached allow')).toBeGreaterThan(20);
  });

  it('does the same for the cookie token of an artifact read', async () => {
    const branches = new BranchCounter();
    const artifactRead = fc.constantFrom<GeneratedRequest>(
      { method: 'GET', path: '/get-artifact' },
      { method: 'HEAD', path: '/model-versions/get-artifact' },
      { method: 'GET', path: '/ajax-api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/a.png' },
    );
    await fc.assert(
      fc.asyncProperty(GROUPS, artifactRead, fc.array(fc.oneof(anyRequest, plainCatalogueRequest), { minLength: 1, maxLength: 8 }), (groups, a, bs) =>
        expectContract(setup, { headers: { Cookie: `${TOKEN_COOKIE_NAME}=${tokenFor(groups)}` }, groups, cookie: true }, a, bs, branches),
      ),
      { numRuns: 300 },
    );
    expect(branches.of('routed deny')).toBeGreaterThan(100);
  });

  it('is the same document whichever request it was returned for (it depends on the token only)', async () => {
    await fc.assert(
      fc.asyncProperty(GROUPS, anyRequest, anyRequest, async (groups, a, b) => {
        const headers = bearer(tokenFor(groups));
        expect(await cachedPolicy(setup, headers, b)).toEqual(await cachedPolicy(setup, headers, a));
      }),
      { numRuns: 100 },
    );
  });
});
