// API Gateway caches an answer under the identity sources of the authorizer instance that serves the request and
// reuses it for every request with the same values. So the answer must be a function of exactly those values: on
// the cookie routes the Cookie header, method and path (whatever the Authorization header says), everywhere else the
// Authorization header, method and path (whatever the cookies say). Checked with fast-check over routes and
// header/cookie combinations; which instance serves a request is modelled here from the deployed resource list.
import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE, COOKIE_OPERATIONS, instantiate, parseTemplate } from '@mlflow-authz/core';
import type { Request as GeneratedRequest } from '@mlflow-authz/test/contract';
import { anyRequest, BranchCounts, servedByCookieAuthorizer } from '@mlflow-authz/test/contract';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestEvent } from '../test/events.js';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import type { TestAuthorizer } from '../test/harness.js';
import { tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';
import { onCookieRoute } from './deployment.js';

const key = generateTestKey('cache-key-sources');
const otherKey = generateTestKey('not-in-the-jwks');
const jwks = useJwksServer(key);
useLogCapture(); // only to keep the decision log out of the test output
let authorizer: TestAuthorizer;
beforeAll(() => {
  authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, table: tableWithTtl(300) });
});

const now = Math.floor(Date.now() / 1000);
// Tokens of different standing: two roles, no role, expired, signed by an unknown key, not a JWT.
const TOKENS = {
  admin: signRs256(key, cognitoIdClaims({ groups: ['admins'], sub: 'admin-user' })),
  reader: signRs256(key, cognitoIdClaims({ groups: ['readers'], sub: 'reader-user' })),
  noRole: signRs256(key, cognitoIdClaims({ sub: 'nobody' })),
  expired: signRs256(key, cognitoIdClaims({ groups: ['admins'], nowSeconds: now - 7200 })),
  unknownKey: signRs256(otherKey, cognitoIdClaims({ groups: ['admins'] })),
  garbage: 'x.y.z',
};
type TokenName = keyof typeof TOKENS;
const TOKEN = fc.constantFrom<TokenName>('admin', 'admin', 'reader', 'reader', 'noRole', 'expired', 'unknownKey', 'garbage');

/** An `Authorization` header value, or absent. */
const authorization = fc.oneof(
  fc.constant(undefined),
  TOKEN.map((t) => `Bearer ${TOKENS[t]}`),
  TOKEN.map((t) => `bearer ${TOKENS[t]}`),
  fc.constant('Basic dXNlcjpwYXNz'),
);
/** A `Cookie` header value (non-empty), or absent. */
const cookieValue = fc.oneof(
  { weight: 4, arbitrary: TOKEN.map((t) => `${TOKEN_COOKIE_NAME}=${TOKENS[t]}`) },
  { weight: 2, arbitrary: TOKEN.map((t) => `theme=dark; ${TOKEN_COOKIE_NAME}="${TOKENS[t]}"; other=1`) },
  { weight: 1, arbitrary: fc.constant('theme=dark') },
  { weight: 1, arbitrary: fc.tuple(TOKEN, TOKEN).map(([a, b]) => `${TOKEN_COOKIE_NAME}=${TOKENS[a]}; ${TOKEN_COOKIE_NAME}=${TOKENS[b]}`) },
);
const cookie = fc.option(cookieValue, { nil: undefined, freq: 4 });

// The cookie operations' browser routes filled with plain or odd values, often with a trailing slash, in any method.
const COOKIE_TEMPLATES = CATALOGUE.filter((op: Operation) => COOKIE_OPERATIONS.has(op.id)).flatMap((op) =>
  op.routes.filter((r) => !r.path.startsWith('/api/')).map((r) => parseTemplate(r.path, r.engine)),
);
const cookieRouteRequest: fc.Arbitrary<GeneratedRequest> = fc
  .record({
    template: fc.constantFrom(...COOKIE_TEMPLATES),
    value: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), fc.constantFrom('%2F', '*', '..', 'a b', '')),
    trailing: fc.constantFrom('', '', '/', '//'),
    method: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE'),
  })
  .map(({ template, value, trailing, method }) => ({ method, path: instantiate(template, (_n, c) => (c === 'path' ? `${value}/plot.png` : value)) + trailing }));

type Outcome = { readonly kind: 'unauthorized' } | { readonly kind: 'allow' | 'deny'; readonly result: unknown };

async function answer(request: GeneratedRequest, headers: Record<string, string | undefined>): Promise<Outcome> {
  const present = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  try {
    const result = await authorizer.handler(requestEvent(request.method, request.path, present));
    return { kind: result.policyDocument.Statement[0]?.Effect === 'Allow' ? 'allow' : 'deny', result };
  } catch (error) {
    expect((error as Error).message).toBe('Unauthorized');
    return { kind: 'unauthorized' };
  }
}

describe('the answer is a function of the identity sources of the authorizer that serves the request', () => {
  it('knows which authorizer serves a request as API Gateway matches the deployed resources', () => {
    fc.assert(
      fc.property(fc.oneof(cookieRouteRequest, anyRequest), (request) => {
        expect(onCookieRoute(request.method, request.path), `${request.method} ${request.path}`).toBe(servedByCookieAuthorizer(request));
      }),
      { numRuns: 3000 },
    );
  });

  it('cookie routes: the same Cookie header, method and path get the same answer, whatever the Authorization header', async () => {
    const branches = new BranchCounts();
    await fc.assert(
      fc.asyncProperty(cookieRouteRequest.filter(servedByCookieAuthorizer), cookieValue, authorization, authorization, async (request, cookieHeader, a1, a2) => {
        const first = await answer(request, { Cookie: cookieHeader, Authorization: a1 });
        const second = await answer(request, { Cookie: cookieHeader, Authorization: a2 });
        expect(second, `${request.method} ${request.path} Cookie: ${cookieHeader}`).toEqual(first);
        branches.count(first.kind);
        // What the Authorization header alone would have decided: where that differs, reading it would have broken the key.
        const headerAlone = await answer(request, { Authorization: a1 });
        if (headerAlone.kind !== first.kind) branches.count('header would decide otherwise');
      }),
      { numRuns: 800 },
    );
    expect(branches.of('allow')).toBeGreaterThan(80);
    expect(branches.of('deny')).toBeGreaterThan(15);
    expect(branches.of('unauthorized')).toBeGreaterThan(200);
    expect(branches.of('header would decide otherwise')).toBeGreaterThan(150);
  });

  it('every other route: the same Authorization header, method and path get the same answer, whatever the cookies', async () => {
    const branches = new BranchCounts();
    const request = fc.oneof(cookieRouteRequest, anyRequest).filter((r) => !servedByCookieAuthorizer(r));
    await fc.assert(
      fc.asyncProperty(request, authorization.filter((a) => a !== undefined), cookie, cookie, async (r, authorizationHeader, c1, c2) => {
        const first = await answer(r, { Authorization: authorizationHeader, Cookie: c1 });
        const second = await answer(r, { Authorization: authorizationHeader, Cookie: c2 });
        expect(second, `${r.method} ${r.path} Authorization: ${authorizationHeader}`).toEqual(first);
        branches.count(first.kind);
        if (c1 !== undefined && /=(?:"?)ey/.test(c1)) branches.count('with a signed token cookie');
      }),
      { numRuns: 800 },
    );
    expect(branches.of('allow')).toBeGreaterThan(20);
    expect(branches.of('deny')).toBeGreaterThan(150);
    expect(branches.of('unauthorized')).toBeGreaterThan(200);
    expect(branches.of('with a signed token cookie')).toBeGreaterThan(300);
  });
});
