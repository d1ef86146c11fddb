import { describe, expect, it } from 'vitest';
import { gatewayRequestFor } from '../../test/requests.js';
import type { ApiResource } from '../gateway/api-resources.js';
import { localApi } from '../local-api.js';
import type { LambdaAuthorizer } from './browser-authorization.js';
import { BrowserAuthorization } from './browser-authorization.js';
import type { BrowserIdentitySources } from './identity-sources.js';
import { DEPLOYED_IDENTITY_SOURCES } from './identity-sources.js';

const api = localApi('prod');
const STAGE_ARN = `arn:aws:execute-api:us-east-1:000000000000:localapi00/prod`;
const COOKIE_RESOURCES: ApiResource[] = [{ path: '/get-artifact', methods: new Set(['GET', 'HEAD']) }];
// The emulation takes any identity sources; a key of the token alone shows API Gateway's rules most plainly.
const TOKEN_KEYED: BrowserIdentitySources = { bearer: ['method.request.header.Authorization'], cookie: ['method.request.header.Cookie'] };
const PER_REQUEST_KEYED = DEPLOYED_IDENTITY_SOURCES;

/** A counting stub authorizer: `decide` says allow or deny for the event's method and path. */
function stub(decide: (method: string, path: string) => 'allow' | 'deny' | 'throw' | 'garbage', policy: 'exact' | 'whole' = 'exact') {
  const calls: string[] = [];
  const handler: LambdaAuthorizer = async (event) => {
    const e = event as { httpMethod: string; path: string; methodArn: string };
    calls.push(`${e.httpMethod} ${e.path}`);
    const d = decide(e.httpMethod, e.path);
    if (d === 'throw') throw new Error('Unauthorized');
    if (d === 'garbage') return { principalId: 'u' };
    const statement = policy === 'exact'
      ? { Effect: d === 'allow' ? 'Allow' : 'Deny', Action: 'execute-api:Invoke', Resource: e.methodArn }
      : { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${STAGE_ARN}/GET/*`] };
    const statements = policy === 'whole' ? [statement, { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${STAGE_ARN}/GET/secret/*` }] : [statement];
    return { principalId: 'user-1', policyDocument: { Version: '2012-10-17', Statement: statements }, context: { roles: 'readers' } };
  };
  return { handler, calls };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('BrowserAuthorization', () => {
  it('token-keyed: a cached exact policy is re-evaluated against the next request (the {proxy+} pitfall, reproduced)', async () => {
    const { handler, calls } = stub(() => 'allow');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 300, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'hit' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/b', bearer('t1')))).toMatchObject({ kind: 'deny', explicit: false, cache: 'hit' });
    expect(calls).toEqual(['GET /a']);
  });

  it('token-keyed: a whole-grant policy decides every later path from the cache', async () => {
    const { handler, calls } = stub(() => 'allow', 'whole');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 300, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/x/y', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'hit' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/secret/1', bearer('t1')))).toMatchObject({ kind: 'deny', explicit: true, cache: 'hit' });
    expect(await auth.authorize(gatewayRequestFor('POST', '/a', bearer('t1')))).toMatchObject({ kind: 'deny', explicit: false, cache: 'hit' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t2')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(calls).toEqual(['GET /a', 'GET /a']);
  });

  it('per-request keys: an exact policy is reused only for the same method and path', async () => {
    const { handler, calls } = stub((method) => (method === 'GET' ? 'allow' : 'deny'));
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 300, identitySources: PER_REQUEST_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/b', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(await auth.authorize(gatewayRequestFor('POST', '/a', bearer('t1')))).toMatchObject({ kind: 'deny', explicit: true, cache: 'miss' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a?x=1', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'hit' });
    expect(await auth.authorize(gatewayRequestFor('POST', '/a', bearer('t1')))).toMatchObject({ kind: 'deny', cache: 'hit' });
    expect(calls).toEqual(['GET /a', 'GET /b', 'POST /a']);
  });

  it('expires entries after the TTL', async () => {
    let now = 1_000_000;
    const { handler, calls } = stub(() => 'allow', 'whole');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 60, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES, now: () => now });
    await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')));
    now += 59_999;
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ cache: 'hit' });
    now += 1;
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ cache: 'miss' });
    expect(calls).toHaveLength(2);
  });

  it('with caching on, a missing or empty identity source is 401 without invoking the authorizer', async () => {
    const { handler, calls } = stub(() => 'allow', 'whole');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 300, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a'))).toEqual({ kind: 'unauthorized', cache: 'skipped' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', { Authorization: '' }))).toEqual({ kind: 'unauthorized', cache: 'skipped' });
    // The cookie routes' authorizer is keyed on the cookie: a bearer token alone does not reach it.
    expect(await auth.authorize(gatewayRequestFor('GET', '/get-artifact?path=x', bearer('t1')))).toEqual({ kind: 'unauthorized', cache: 'skipped' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/get-artifact?path=x', { Cookie: '__Host-mlflow-token=t1' }))).toMatchObject({ kind: 'allow', cache: 'miss' });
    // …and its cache is its own: the same token as a bearer is a new key for the other authorizer.
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', { Cookie: '__Host-mlflow-token=t1' }))).toEqual({ kind: 'unauthorized', cache: 'skipped' });
    expect(calls).toEqual(['GET /get-artifact']);
  });

  it('with TTL 0, identity sources are optional and every request invokes the authorizer', async () => {
    const { handler, calls } = stub(() => 'allow');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 0, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a'))).toMatchObject({ kind: 'allow', cache: 'off' });
    expect(await auth.authorize(gatewayRequestFor('GET', '/b'))).toMatchObject({ kind: 'allow', cache: 'off' });
    expect(calls).toEqual(['GET /a', 'GET /b']);
  });

  it('does not cache a 401, and turns any other failure into a 500', async () => {
    let answer: 'throw' | 'garbage' | 'allow' = 'throw';
    const { handler, calls } = stub(() => answer, 'whole');
    const auth = new BrowserAuthorization({ handler, api, ttlSeconds: 300, identitySources: TOKEN_KEYED, cookieResources: COOKIE_RESOURCES });
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toEqual({ kind: 'unauthorized', cache: 'miss' });
    answer = 'garbage';
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'error' });
    answer = 'allow';
    expect(await auth.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'allow', cache: 'miss' });
    expect(calls).toHaveLength(3);
    const failing = new BrowserAuthorization({
      handler: async () => {
        throw new Error('boom');
      },
      api,
      ttlSeconds: 300,
      identitySources: TOKEN_KEYED,
      cookieResources: COOKIE_RESOURCES,
    });
    expect(await failing.authorize(gatewayRequestFor('GET', '/a', bearer('t1')))).toMatchObject({ kind: 'error', detail: /boom/ });
  });
});
