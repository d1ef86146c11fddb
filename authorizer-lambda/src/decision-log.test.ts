// One structured decision line per request, with a fixed shape, and never the token or any part of it.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { useJwksServer, useLogCapture } from '../test/fixtures.js';
import { bearer, requestEvent } from '../test/events.js';
import type { Router } from '@mlflow-authz/core';
import { testAuthorizer } from '../test/harness.js';
import { generateTestKey } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from './cookie.js';
import { createDecisionLogger } from './decision-log.js';
import { stdoutLineWriter } from '../test/log-capture.js';
import { DECISION_MESSAGE } from './decision-record.js';
import type { DecisionRecord } from './decision-record.js';

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
    await settle(authorizer.handler(requestEvent('GET', '/version', { Authorization: 'Basic Zm9vOmJhcg==' })));
    const line = logs().records()[0] as Record<string, unknown>;
    expect(line).toMatchObject({ decision: 'unauthorized', reason: 'Authorization header is not a Bearer token', method: 'GET', path: '/version', groups: [] });
    for (const absent of ['principal', 'roles', 'operation', 'tokenSource']) expect(line).not.toHaveProperty(absent);
  });

  it('is not written below the level set in the environment', () => {
    const saved = process.env['POWERTOOLS_LOG_LEVEL'];
    process.env['POWERTOOLS_LOG_LEVEL'] = 'WARN';
    try {
      createDecisionLogger(stdoutLineWriter).info(DECISION_MESSAGE, { decision: 'allow' });
      createDecisionLogger(stdoutLineWriter).warn('kept');
    } finally {
      if (saved === undefined) delete process.env['POWERTOOLS_LOG_LEVEL'];
      else process.env['POWERTOOLS_LOG_LEVEL'] = saved;
    }
    expect(logs().records().map((r) => r['message'])).toEqual(['kept']);
  });
});

// Any record the authorizer can log: unknown fields null, empty strings and arrays, odd characters in paths.
const text = fc.string({ unit: 'grapheme-composite', maxLength: 30 });
const anyRecord: fc.Arbitrary<DecisionRecord> = fc.record({
  decision: fc.constantFrom('allow', 'deny', 'unauthorized'),
  reason: text,
  principal: fc.option(text),
  groups: fc.array(text, { maxLength: 3 }),
  roles: fc.constantFrom('', 'readers', 'admins,readers'),
  method: fc.option(fc.constantFrom('GET', 'POST', 'x y')),
  path: fc.option(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 1700 }))),
  operation: fc.option(text),
  tokenSource: fc.constantFrom('header', 'cookie', null),
  policyVersion: fc.constant('af223f00aa185939'),
  apiRequestId: fc.option(text),
  durationMs: fc.double({ min: 0, max: 1e4, noNaN: true }),
});

function withEnv(vars: Record<string, string | undefined>, body: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    body();
  } finally {
    apply(saved);
  }
}

describe('the decision line fast path', () => {
  it("writes what Powertools' own path writes for the same record, timestamp aside", () => {
    const logger = createDecisionLogger(stdoutLineWriter);
    fc.assert(
      fc.property(anyRecord, fc.option(fc.constantFrom('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1')), (record, trace) => {
        withEnv({ _X_AMZN_TRACE_ID: trace ?? undefined }, () => {
          logs().clear();
          logger.decision(record);
          logger.info(DECISION_MESSAGE, record.path !== null && record.path.length > 1600 ? { ...record, path: `${record.path.slice(0, 1600)}…` } : record);
          const [fast, slow] = logs().records() as [Record<string, unknown>, Record<string, unknown>];
          expect(typeof fast['timestamp']).toBe('string');
          expect(new Date(fast['timestamp'] as string).toISOString()).toBe(fast['timestamp']);
          expect(Object.keys(fast)).toEqual(Object.keys(slow));
          expect({ ...fast, timestamp: null }).toEqual({ ...slow, timestamp: null });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the logger's persistent keys and the X-Ray trace id", () => {
    const logger = createDecisionLogger(stdoutLineWriter);
    logger.appendPersistentKeys({ deployment: 'blue', empty: '' });
    withEnv({ _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' }, () => {
      logger.decision({ decision: 'deny', reason: 'r', principal: 'p', groups: [], roles: '', method: 'GET', path: '/', operation: null, tokenSource: 'header', policyVersion: 'v', apiRequestId: null, durationMs: 1 });
    });
    const line = logs().records()[0] as Record<string, unknown>;
    expect(line).toMatchObject({ deployment: 'blue', xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793', decision: 'deny' });
    expect(line).not.toHaveProperty('empty');
  });

  it('follows the level when it is changed after construction', () => {
    const logger = createDecisionLogger(stdoutLineWriter);
    const line = (): DecisionRecord => ({ decision: 'allow', reason: 'r', principal: 'p', groups: [], roles: '', method: 'GET', path: '/', operation: null, tokenSource: 'header', policyVersion: 'v', apiRequestId: null, durationMs: 1 });
    logger.decision(line());
    logger.setLogLevel('WARN');
    logger.decision(line());
    logger.setLogLevel('INFO');
    logger.decision(line());
    expect(logs().lines()).toHaveLength(2);
  });

  it('honours the log level set in the environment', () => {
    withEnv({ POWERTOOLS_LOG_LEVEL: 'WARN' }, () => {
      createDecisionLogger(stdoutLineWriter).decision({ decision: 'allow', reason: 'r', principal: 'p', groups: [], roles: '', method: 'GET', path: '/', operation: null, tokenSource: 'header', policyVersion: 'v', apiRequestId: null, durationMs: 1 });
    });
    expect(logs().lines()).toEqual([]);
  });

  it("takes Powertools' own path in POWERTOOLS_DEV mode (pretty-printed)", () => {
    withEnv({ POWERTOOLS_DEV: 'true' }, () => {
      const spy = vi.spyOn(console, 'info').mockImplementation(() => undefined);
      try {
        createDecisionLogger(stdoutLineWriter).decision({ decision: 'allow', reason: 'r', principal: 'p', groups: [], roles: '', method: 'GET', path: '/', operation: null, tokenSource: 'header', policyVersion: 'v', apiRequestId: null, durationMs: 1 });
        expect(spy).toHaveBeenCalledTimes(1);
        expect(String(spy.mock.calls[0]?.[0])).toContain('\n    "decision": "allow"');
      } finally {
        spy.mockRestore();
      }
    });
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
    const exploding = {
      route: () => {
        throw new Error(`route lookup failed for ${tokens[0]}`);
      },
    } as unknown as Router;
    const failing = testAuthorizer({ mode: 'cognito', jwksUri: jwks().uri, router: exploding });
    await expect(failing.handler(requestEvent('GET', '/ajax-api/2.0/mlflow/experiments/get', bearer(tokens[0] as string)))).rejects.toThrow(/^Unauthorized$/);

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
