// The verified-token cache: a repeated token is verified once, never trusted past its exp, keyed by the whole
// token, and never holds a rejected token.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { bearer, requestEvent } from '../test/events.js';
import type { TestAuthorizer } from '../test/harness.js';
import { testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import { b64url, cognitoIdClaims, signRs256 } from '../test/tokens.js';

const key = generateTestKey('reuse-key');
const GET = ['GET', '/ajax-api/2.0/mlflow/experiments/get'] as const;
const jwks = useJwksServer(key);
const logs = useLogCapture();
afterEach(() => {
  vi.useRealTimers();
});

// Counts verification attempts after the JWKS is in the cache (a first fetch would count twice).
async function counted(authorizer: TestAuthorizer): Promise<() => number> {
  await authorizer.verifier.hydrate();
  const verifySync = vi.spyOn(authorizer.verifier, 'verifySync');
  const verify = vi.spyOn(authorizer.verifier, 'verify');
  return () => verifySync.mock.calls.length + verify.mock.calls.length;
}

async function effect(authorizer: TestAuthorizer, token: string): Promise<string> {
  try {
    return (await authorizer.handler(requestEvent(...GET, bearer(token)))).policyDocument.Statement[0]?.Effect ?? 'none';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the verified-token cache', () => {
  it('verifies a repeated token once', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const verifications = await counted(authorizer);
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));
    for (let i = 0; i < 5; i++) expect(await effect(authorizer, token)).toBe('Allow');
    expect(verifications()).toBe(1);
  });

  it('never trusts a token past its exp', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') });
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'], exp: Math.floor(Date.now() / 1000) + 60 }));
    expect(await effect(authorizer, token)).toBe('Allow');
    vi.setSystemTime(Date.now() + 59_000);
    expect(await effect(authorizer, token)).toBe('Allow');
    vi.setSystemTime(Date.now() + 1_000);
    expect(await effect(authorizer, token)).toBe('Unauthorized');
    expect(logs().records().at(-1)?.['reason']).toBe('token expired');
    expect(authorizer.tokenCache.size).toBe(0);
  });

  it('is keyed by the whole token: a cached token with a changed payload or signature is verified (and refused)', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));
    expect(await effect(authorizer, token)).toBe('Allow');
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const elevated = `${h}.${b64url(JSON.stringify({ ...claims, 'cognito:groups': ['admins'] }))}.${s}`;
    expect(await effect(authorizer, elevated)).toBe('Unauthorized');
    expect(await effect(authorizer, `${h}.${p}.${s.slice(0, -2)}AA`)).toBe('Unauthorized');
  });

  it('never holds a rejected token', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const verifications = await counted(authorizer);
    const bad = [
      signRs256(key, cognitoIdClaims({ groups: 'readers' })),
      signRs256(key, cognitoIdClaims({ groups: ['readers'], aud: 'someone-else' })),
      signRs256(key, cognitoIdClaims({ groups: ['readers'], exp: 1 })),
    ];
    for (const token of bad) {
      expect(await effect(authorizer, token)).toBe('Unauthorized');
      expect(await effect(authorizer, token)).toBe('Unauthorized');
    }
    expect(verifications()).toBe(2 * bad.length);
    expect(authorizer.tokenCache.size).toBe(0);
  });

  it('stays bounded', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, tokenCacheSize: 3 });
    for (let i = 0; i < 6; i++) await effect(authorizer, signRs256(key, cognitoIdClaims({ groups: ['readers'], sub: `u${i}` })));
    expect(authorizer.tokenCache.size).toBe(3);
  });
});
