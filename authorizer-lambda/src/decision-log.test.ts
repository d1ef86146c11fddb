// One structured decision line per request, with a fixed shape, and never the token or any part of it.
import { describe, expect, it } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { bearer, requestEvent } from '../test/events.js';
import { GENERATED_TABLE, tableWithTtl, testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';
import { createDecisionLogger, DECISION_MESSAGE } from './decision-log.js';

const key = generateTestKey('log-key');
const jwks = useJwksServer(key);
const logs = useLogCapture();

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}

describe('the decision log line', () => {
  it('has the documented shape for an allow', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const token = signRs256(key, cognitoIdClaims({ groups: ['readers', 'unmapped'], sub: 'sub-123' }));
    await authorizer.handler(requestEvent('GET', '/ajax-api/2.0/mlflow/experiments/get', bearer(token)));
    const records = logs().records();
    expect(records).toHaveLength(1);
    const line = records[0] as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(
      [
        'level', 'message', 'timestamp', 'service',
        'decision', 'reason', 'principal', 'groups', 'roles', 'method', 'path', 'operation',
        'tokenSource', 'policyVersion', 'apiRequestId', 'durationMs',
      ].sort(),
    );
    expect(line).toMatchObject({
      level: 'INFO',
      message: DECISION_MESSAGE,
      decision: 'allow',
      reason: 'role readers grants GetExperiment',
      principal: 'sub-123',
      groups: ['readers', 'unmapped'],
      roles: 'readers',
      method: 'GET',
      path: '/ajax-api/2.0/mlflow/experiments/get',
      operation: 'GetExperiment',
      tokenSource: 'header',
      apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    });
    expect(typeof line['durationMs']).toBe('number');
    expect(line['durationMs']).toBeGreaterThanOrEqual(0);
    expect(line['policyVersion']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('omits what is unknown for a 401 and says why', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    await settle(authorizer.handler(requestEvent('GET', '/', { Authorization: 'Basic Zm9vOmJhcg==' })));
    const line = logs().records()[0] as Record<string, unknown>;
    expect(line).toMatchObject({ decision: 'unauthorized', reason: 'Authorization header is not a Bearer token', method: 'GET', path: '/', groups: [] });
    for (const absent of ['principal', 'roles', 'operation', 'tokenSource']) expect(line).not.toHaveProperty(absent);
  });

  it('is not written below the level set in the environment', () => {
    const saved = process.env['POWERTOOLS_LOG_LEVEL'];
    process.env['POWERTOOLS_LOG_LEVEL'] = 'WARN';
    try {
      createDecisionLogger().info(DECISION_MESSAGE, { decision: 'allow' });
      createDecisionLogger().warn('kept');
    } finally {
      if (saved === undefined) delete process.env['POWERTOOLS_LOG_LEVEL'];
      else process.env['POWERTOOLS_LOG_LEVEL'] = saved;
    }
    expect(logs().records().map((r) => r['message'])).toEqual(['kept']);
  });
});

describe('no token anywhere in the logs', () => {
  it('holds for valid, repeated, cookie, rejected and unexpected-failure requests', async () => {
    const authorizer = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri });
    const other = generateTestKey('log-unknown');
    const tokens = [
      signRs256(key, cognitoIdClaims({ groups: ['admins'] })),
      signRs256(key, cognitoIdClaims({ groups: ['readers'], exp: 1 })),
      signRs256(key, cognitoIdClaims({ groups: 'admins' })),
      signRs256(other, cognitoIdClaims({ groups: ['admins'] })),
      signRs256(key, cognitoIdClaims({ groups: ['readers'], iss: 'https://evil.example/' })),
    ];
    for (const token of tokens) {
      await settle(authorizer.handler(requestEvent('GET', '/ajax-api/2.0/mlflow/experiments/get', bearer(token))));
      await settle(authorizer.handler(requestEvent('GET', '/ajax-api/2.0/mlflow/experiments/get', bearer(token))));
      await settle(authorizer.handler(requestEvent('GET', '/get-artifact', { Cookie: `${TOKEN_COOKIE_NAME}=${token}` })));
      await settle(authorizer.handler(requestEvent('POST', '/ajax-api/2.0/mlflow/runs/create', { Cookie: `${TOKEN_COOKIE_NAME}=${token}` })));
    }
    // A failure inside the authorizer, whose error message quotes the token, is logged too: without the message.
    const exploding = new Proxy({} as Record<string, never>, {
      get: () => {
        throw new Error(`pattern lookup failed for ${tokens[0]}`);
      },
    });
    const failing = testAuthorizer({
      mode: 'cognito',
      jwksUri: jwks().uri,
      table: tableWithTtl(60),
      grantPatterns: { policyVersion: GENERATED_TABLE.policyVersion, grants: exploding },
    });
    await expect(failing.handler(requestEvent('GET', '/', bearer(tokens[0] as string)))).rejects.toThrow(/^Unauthorized$/);

    const text = logs().lines().join('\n');
    expect(logs().lines().length).toBe(tokens.length * 4 + 2);
    expect(text).toContain('authorizer failed unexpectedly');
    for (const token of tokens) {
      const [header, payload, signature] = token.split('.') as [string, string, string];
      for (const part of [token, header, payload, signature]) expect(text).not.toContain(part);
      // Nor any fragment long enough to matter: no 12 consecutive characters of any part.
      for (const part of [header, payload, signature]) {
        for (let i = 0; i + 12 <= part.length; i++) if (text.includes(part.slice(i, i + 12))) expect.fail(`log holds ${part.slice(i, i + 12)}`);
      }
    }
  });
});
