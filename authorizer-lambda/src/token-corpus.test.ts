// Bad tokens get 401 (exactly `Unauthorized`), never a 500 and never a policy; a valid token without groups is
// not a bad token (403). Runs in both verifier modes against a local JWKS endpoint.
import { beforeAll, describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { bearer, methodArnFor, requestEvent } from '../test/events.js';
import type { TestAuthorizer } from '../test/harness.js';
import { OIDC_ISSUER, testAuthorizer } from '../test/harness.js';
import { startJwksServer, unreachableJwksUri } from '../test/jwks-server.js';
import type { TestKey } from '../test/keys.js';
import { generateTestKey, jwksOf } from '../test/keys.js';
import { b64url, cognitoIdClaims, COGNITO_ISSUER, signHs256WithPublicKey, signRs256, unsignedToken } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';
import type { AuthorizerHandler } from './authorizer.js';

const READ = ['GET', '/ajax-api/2.0/mlflow/experiments/get'] as const;

// Generated while the tests are collected: the corpus (`it.each`) is signed with them.
const key: TestKey = generateTestKey('key-1');
const otherKey: TestKey = generateTestKey('key-unknown');
const jwks = useJwksServer(key);
const logs = useLogCapture();

/** Resolves to `401` when the handler rejects with exactly `Unauthorized`, else to what it did. */
async function outcome(handler: AuthorizerHandler, event: unknown): Promise<string> {
  try {
    const result = await handler(event);
    const effects = result.policyDocument.Statement.map((s) => s.Effect).join(',');
    return `policy ${effects}`;
  } catch (err) {
    if (err instanceof Error && err.message === 'Unauthorized' && Object.getPrototypeOf(err) === Error.prototype) return '401';
    return `threw ${String(err)}`;
  }
}

function tamperPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${h}.${b64url(JSON.stringify(claims))}.${s}`;
}

function flipSignature(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const sig = Buffer.from(s, 'base64url');
  sig[10] = (sig[10] ?? 0) ^ 0x01;
  return `${h}.${p}.${b64url(sig)}`;
}

const GROUPS = 'cognito:groups is not an array of strings';
const NOT_JWT = 'header token is not a JWT';
const NOT_BEARER = 'Authorization header is not a Bearer token';

/** The bad tokens of the issue: [case, Authorization header value, the reason the decision log must give]. */
function corpus(claims: (extra?: Record<string, unknown>) => Record<string, unknown>, cognito: boolean): [string, string, string][] {
  const now = Math.floor(Date.now() / 1000);
  const good = signRs256(key, claims({ groups: ['admins'] }));
  const cases: [string, string, string][] = [
    ['alg none', `Bearer ${unsignedToken(key, claims({ groups: ['admins'] }))}`, 'not a parseable JWT'],
    ['alg none with a signature part', `Bearer ${unsignedToken(key, claims({ groups: ['admins'] }))}c2ln`, 'signature algorithm not accepted'],
    ['HS256 signed with the public key', `Bearer ${signHs256WithPublicKey(key, claims({ groups: ['admins'] }))}`, 'signature algorithm not accepted'],
    ['expired', `Bearer ${signRs256(key, claims({ groups: ['admins'], exp: now - 5, iat: now - 3605 }))}`, 'token expired'],
    ['not yet valid', `Bearer ${signRs256(key, claims({ groups: ['admins'], nbf: now + 600 }))}`, 'token not yet valid'],
    ['wrong issuer', `Bearer ${signRs256(key, claims({ groups: ['admins'], iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool' }))}`, cognito ? 'issuer not configured' : 'wrong issuer'],
    ['wrong client id / audience', `Bearer ${signRs256(key, claims({ groups: ['admins'], aud: 'another-client' }))}`, cognito ? 'wrong client id' : 'wrong audience'],
    ['unknown kid', `Bearer ${signRs256(otherKey, claims({ groups: ['admins'] }))}`, 'unknown key id'],
    ['tampered payload', `Bearer ${tamperPayload(signRs256(key, claims({ groups: ['readers'] })), (c) => (c['cognito:groups'] = ['admins']))}`, 'bad signature'],
    ['tampered signature', `Bearer ${flipSignature(good)}`, 'bad signature'],
    ['cognito:groups a string', `Bearer ${signRs256(key, claims({ groups: 'admins' }))}`, GROUPS],
    ['cognito:groups holding a number', `Bearer ${signRs256(key, claims({ groups: ['admins', 7] }))}`, GROUPS],
    ['cognito:groups holding null', `Bearer ${signRs256(key, claims({ groups: ['admins', null] }))}`, GROUPS],
    ['cognito:groups an object', `Bearer ${signRs256(key, claims({ groups: { 0: 'admins' } }))}`, GROUPS],
    ['no exp', `Bearer ${signRs256(key, claims({ groups: ['admins'], exp: undefined }))}`, 'token has no numeric exp'],
    ['no sub', `Bearer ${signRs256(key, claims({ groups: ['admins'], sub: '' }))}`, 'token has no sub'],
    ['no kid', `Bearer ${signRs256(key, claims({ groups: ['admins'] }), { kid: undefined })}`, 'no key id'],
    ['RS256 header, RS512 key check', `Bearer ${signRs256(key, claims({ groups: ['admins'] }), { alg: 'RS512' })}`, 'signature algorithm not accepted'],
    ['garbage', 'Bearer not-a-jwt', 'not a parseable JWT'],
    ['garbage with dots', 'Bearer a.b.c', 'not a parseable JWT'],
    ['garbage bytes', `Bearer ${b64url(Buffer.from([0xff, 0xfe, 0x00]))}.${b64url('{')}.${b64url('x')}`, 'not a parseable JWT'],
    ['empty bearer', 'Bearer ', NOT_JWT],
    ['empty header', '', NOT_BEARER],
    ['Basic credentials', 'Basic dXNlcjpwYXNzd29yZA==', NOT_BEARER],
    ['bearer token twice', `Bearer ${good} ${good}`, NOT_JWT],
    ['very long token', `Bearer ${good}${'A'.repeat(20_000)}`, NOT_JWT],
  ];
  if (cognito) {
    cases.push(['wrong token_use', `Bearer ${signRs256(key, claims({ groups: ['admins'], token_use: 'access' }))}`, 'wrong token_use']);
  }
  return cases;
}

const modes = [
  { mode: 'cognito' as const, claims: (extra: Record<string, unknown> = {}) => cognitoIdClaims(extra) },
  { mode: 'oidc' as const, claims: (extra: Record<string, unknown> = {}) => cognitoIdClaims({ iss: OIDC_ISSUER, token_use: undefined, ...extra }) },
];

describe.each(modes)('$mode mode', ({ mode, claims }) => {
  let authorizer: TestAuthorizer;
  beforeAll(() => {
    authorizer = testAuthorizer({ mode, jwksUri: jwks().uri });
  });

  it('answers a valid admin token with an Allow of exactly the methodArn', async () => {
    const result = await authorizer.handler(requestEvent(...READ, bearer(signRs256(key, claims({ groups: ['admins'] })))));
    expect(result.policyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: methodArnFor(...READ) }]);
  });

  it.each(corpus(claims, mode === 'cognito'))('answers 401 to: %s', async (_name, authorization, reason) => {
    expect(await outcome(authorizer.handler, requestEvent(...READ, { Authorization: authorization }))).toBe('401');
    expect(logs().records().at(-1)).toMatchObject({ decision: 'unauthorized', reason });
  });

  it('answers 401 when there is no Authorization header', async () => {
    expect(await outcome(authorizer.handler, requestEvent(...READ))).toBe('401');
  });

  it('answers a valid token without cognito:groups with an explicit Deny (403), not a 401', async () => {
    const token = signRs256(key, claims());
    expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(token)))).toBe('policy Deny');
    expect(logs().records().at(-1)?.['reason']).toBe('no role: the caller has no role');
  });
});

describe('token sources', () => {
  let authorizer: TestAuthorizer;
  beforeAll(() => {
    authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
  });
  const token = () => signRs256(key, cognitoIdClaims({ groups: ['readers'] }));

  it.each(['authorization', 'AUTHORIZATION', 'aUThorization'])('reads the %s header (names are case-insensitive)', async (name) => {
    expect(await outcome(authorizer.handler, requestEvent(...READ, { [name]: `Bearer ${token()}` }))).toBe('policy Allow');
  });

  it('accepts the bearer scheme in any casing', async () => {
    expect(await outcome(authorizer.handler, requestEvent(...READ, { Authorization: `bearer ${token()}` }))).toBe('policy Allow');
  });

  it('refuses two Authorization headers that differ', async () => {
    const event = requestEvent(...READ, { Authorization: `Bearer ${token()}` });
    event['multiValueHeaders'] = { Authorization: [`Bearer ${token()}`, 'Bearer x.y.z'] };
    expect(await outcome(authorizer.handler, event)).toBe('401');
  });

  it.each([
    ['GET', '/get-artifact'],
    ['HEAD', '/get-artifact'],
    ['GET', '/model-versions/get-artifact'],
    ['GET', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plot.png'],
    ['GET', '/ajax-api/2.0/mlflow/logged-models/m-123/artifacts/files'],
  ])('takes the token from the cookie for %s %s', async (method, path) => {
    const cookie = `theme=dark; ${TOKEN_COOKIE_NAME}=${token()}; other=1`;
    expect(await outcome(authorizer.handler, requestEvent(method, path, { Cookie: cookie }))).toBe('policy Allow');
    expect(logs().records().at(-1)?.['tokenSource']).toBe('cookie');
  });

  it.each([
    ['GET', '/ajax-api/2.0/mlflow/experiments/get'],
    ['POST', '/ajax-api/2.0/mlflow/runs/search'],
    ['PUT', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plot.png'],
    ['DELETE', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plot.png'],
    ['GET', '/ajax-api/2.0/mlflow/nothing-here'],
  ])('refuses the cookie (401) for %s %s', async (method, path) => {
    expect(await outcome(authorizer.handler, requestEvent(method, path, { Cookie: `${TOKEN_COOKIE_NAME}=${token()}` }))).toBe('401');
  });

  // A cookie route's request that everyone is denied is a deny (403) with the cookie too, as with the header.
  it.each([
    ['GET', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/*.png'],
    ['HEAD', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/a?b'],
    ['GET', '/ajax-api/2.0/mlflow-artifacts/artifacts/1/../../etc/passwd'],
  ])('answers the cookie of a request everyone is denied with a deny for %s %s', async (method, path) => {
    expect(await outcome(authorizer.handler, requestEvent(method, path, { Cookie: `${TOKEN_COOKIE_NAME}=${token()}` }))).toBe('policy Deny');
    expect(logs().records().at(-1)?.['tokenSource']).toBe('cookie');
    expect(await outcome(authorizer.handler, requestEvent(method, path, bearer(token())))).toBe('policy Deny');
  });

  // The cookie authorizer's cache key is the Cookie header: there the cookie decides, whatever the Authorization header.
  it('decides a cookie route on its Cookie header alone when there is one', async () => {
    const expired = signRs256(key, cognitoIdClaims({ groups: ['readers'], nowSeconds: Math.floor(Date.now() / 1000) - 7200 }));
    const get = (headers: Record<string, string>) => outcome(authorizer.handler, requestEvent('GET', '/get-artifact', headers));
    expect(await get({ Authorization: 'Basic dXNlcjpwYXNz', Cookie: `${TOKEN_COOKIE_NAME}=${token()}` })).toBe('policy Allow');
    expect(logs().records().at(-1)?.['tokenSource']).toBe('cookie');
    expect(await get({ Authorization: `Bearer ${token()}`, Cookie: `${TOKEN_COOKIE_NAME}=${expired}` })).toBe('401');
    expect(await get({ Authorization: `Bearer ${token()}`, Cookie: 'theme=dark' })).toBe('401');
    expect(logs().records().at(-1)?.['reason']).toBe('no token cookie in the Cookie header');
    // No Cookie header (only with caching off does API Gateway call the authorizer then): the Authorization header.
    expect(await get({ Authorization: `Bearer ${token()}` })).toBe('policy Allow');
    expect(logs().records().at(-1)?.['tokenSource']).toBe('header');
    expect(await get({ Authorization: `Bearer ${token()}`, Cookie: '' })).toBe('policy Allow');
  });

  it('decides any other route on its Authorization header alone', async () => {
    const headers = { Authorization: 'Basic dXNlcjpwYXNz', Cookie: `${TOKEN_COOKIE_NAME}=${token()}` };
    expect(await outcome(authorizer.handler, requestEvent(...READ, headers))).toBe('401');
    expect(await outcome(authorizer.handler, requestEvent(...READ, { ...bearer(token()), Cookie: `${TOKEN_COOKIE_NAME}=x.y.z` }))).toBe('policy Allow');
  });

  it('refuses two token cookies that differ', async () => {
    const cookie = `${TOKEN_COOKIE_NAME}=${token()}; ${TOKEN_COOKIE_NAME}=${signRs256(key, cognitoIdClaims({ groups: ['admins'] }))}`;
    expect(await outcome(authorizer.handler, requestEvent('GET', '/get-artifact', { Cookie: cookie }))).toBe('401');
  });
});

describe('the JWKS', () => {
  it('is fetched once and reused across invocations; an unknown kid refetches, rate-limited', async () => {
    const local = await startJwksServer(jwksOf(key));
    try {
      const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: local.uri });
      for (let i = 0; i < 5; i++) {
        const token = signRs256(key, cognitoIdClaims({ groups: ['readers'], sub: `user-${i}` }));
        expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(token)))).toBe('policy Allow');
      }
      expect(local.hits()).toBe(1);
      // A key the endpoint does not (yet) publish: one refetch, then the library's back-off refuses refetches.
      const unknown = signRs256(otherKey, cognitoIdClaims({ groups: ['readers'] }));
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(unknown)))).toBe('401');
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(unknown)))).toBe('401');
      expect(local.hits()).toBe(2);
      expect(logs().records().at(-1)?.['reason']).toBe('unknown key id (JWKS refetch rate-limited)');
    } finally {
      await local.close();
    }
  });

  it('picks up a rotated key on its first use', async () => {
    const local = await startJwksServer(jwksOf(key));
    try {
      const authorizer = testAuthorizer({ mode: 'oidc', jwksUri: local.uri });
      const first = signRs256(key, cognitoIdClaims({ iss: OIDC_ISSUER, groups: ['readers'] }));
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(first)))).toBe('policy Allow');
      local.serve(jwksOf(key, otherKey));
      const rotated = signRs256(otherKey, cognitoIdClaims({ iss: OIDC_ISSUER, groups: ['readers'] }));
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(rotated)))).toBe('policy Allow');
      expect(local.hits()).toBe(2);
    } finally {
      await local.close();
    }
  });

  it.each(['cognito', 'oidc'] as const)('unreachable (%s): 401 for every request, never an allow or a crash', async (mode) => {
    const authorizer = testAuthorizer({ mode, jwksUri: await unreachableJwksUri() });
    const iss = mode === 'cognito' ? COGNITO_ISSUER : OIDC_ISSUER;
    for (let i = 0; i < 3; i++) {
      const token = signRs256(key, cognitoIdClaims({ iss, groups: ['admins'] }));
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(token)))).toBe('401');
    }
    expect(logs().records().at(-1)?.['reason']).toBe('JWKS unavailable');
  });

  it('answering garbage or an error status: 401', async () => {
    const local = await startJwksServer({ keys: [{ kty: 'oct', kid: key.kid }] });
    try {
      const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: local.uri.replace('jwks.json', 'missing.json') });
      const token = signRs256(key, cognitoIdClaims({ groups: ['admins'] }));
      expect(await outcome(authorizer.handler, requestEvent(...READ, bearer(token)))).toBe('401');
      const garbage = testAuthorizer({ mode: 'cognito', jwksUri: local.uri });
      expect(await outcome(garbage.handler, requestEvent(...READ, bearer(token)))).toBe('401');
    } finally {
      await local.close();
    }
  });
});

describe('events API Gateway would never send', () => {
  it.each([
    ['null', null],
    ['a string', 'GET /'],
    ['no methodArn', { httpMethod: 'GET', path: '/' }],
    ['a methodArn split on every colon', requestEvent(...READ, {}, { methodArn: 'arn:aws:execute-api:eu-west-1' })],
    ['a wildcard api id', requestEvent(...READ, {}, { methodArn: 'arn:aws:execute-api:eu-west-1:123456789012:*/prod/GET/x' })],
    ['headers that are not an object', requestEvent(...READ, {}, { headers: 'Authorization: x', multiValueHeaders: 7 })],
  ])('%s: 401, not a crash', async (_name, event) => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    expect(await outcome(authorizer.handler, event)).toBe('401');
  });
});
