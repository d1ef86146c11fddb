// Faults: the MLflow backend down or hanging, the OIDC provider's JWKS endpoint down. Never an allow without a
// decision, never an allow for a token whose key cannot be fetched.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey } from '../src/oidc/oidc-state.js';
import type { OidcState } from '../src/oidc/oidc-state.js';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';
import { mintToken } from './mint.js';

const READ = '/ajax-api/2.0/mlflow/experiments/get?experiment_id=0';
const WRITE = '/ajax-api/2.0/mlflow/experiments/create';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the backend down', () => {
  let local: TestLocalMode;
  beforeAll(async () => {
    local = await startTestLocalMode({ mlflowUrl: `http://127.0.0.1:${await freePort()}` });
  }, 120_000);
  afterAll(async () => local?.stop());

  it('answers 502 to allowed requests, and still 401/403 to the others', async () => {
    const reader = await local.tokenOf('readers');
    const read = await local.browser(reader, 'GET', READ);
    expect(read.status).toBe(502);
    expect(read.json).toEqual({ message: 'Internal server error' });
    expect((await local.signed(local.identityOf('readers'), 'GET', '/api/2.0/mlflow/experiments/get?experiment_id=0')).status).toBe(502);
    expect((await local.browser(reader, 'POST', WRITE, '{}')).status).toBe(403);
    expect((await local.browser(undefined, 'GET', READ)).status).toBe(401);
    expect((await local.signed(local.identityOf('readers'), 'POST', '/api/2.0/mlflow/experiments/create', '{}')).status).toBe(403);
    const lines = local.accessLog.map((l) => JSON.parse(l) as { status: number; decision: string });
    expect(lines.filter((l) => l.status === 502).every((l) => l.decision === 'allow')).toBe(true);
  });
});

describe('the backend hanging', () => {
  let local: TestLocalMode;
  const hanging = createServer(() => undefined);
  beforeAll(async () => {
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    local = await startTestLocalMode({ mlflowUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, integrationTimeoutMs: 300 });
  }, 120_000);
  afterAll(async () => {
    await local?.stop();
    hanging.closeAllConnections();
    hanging.close();
  });

  it('answers 504 after the integration timeout', async () => {
    const response = await local.browser(await local.tokenOf('admins'), 'GET', READ);
    expect(response.status).toBe(504);
    expect(response.json).toEqual({ message: 'Endpoint request timed out' });
  });
});

describe('the MLflow stand-in stopping while serving', () => {
  it('turns allowed requests into 502', async () => {
    const local = await startTestLocalMode();
    try {
      const admin = await local.tokenOf('admins');
      expect((await local.browser(admin, 'GET', READ)).status).toBe(200);
      await local.mode.standIn?.close();
      expect((await local.browser(admin, 'GET', READ)).status).toBe(502);
    } finally {
      await local.stop();
    }
  }, 120_000);
});

describe('the JWKS endpoint down', () => {
  let local: TestLocalMode;
  let state: OidcState;
  let claims: (group: string) => Record<string, unknown>;
  beforeAll(async () => {
    local = await startTestLocalMode();
    state = JSON.parse(await readFile(join(local.stateDir, 'oidc.json'), 'utf8')) as OidcState;
    const reader = local.mode.users.find((u) => u.username === 'readers');
    claims = (group) => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: local.mode.oidc.issuer, aud: local.mode.clientId, sub: reader?.sub, iat: now, exp: now + 600, 'cognito:groups': [group] };
    };
  }, 120_000);
  afterAll(async () => local?.stop());

  it('keeps known keys working, and refuses tokens of a new key with 401, never an allow', async () => {
    const loggedIn = await local.tokenOf('readers');
    expect((await local.browser(loggedIn, 'GET', READ)).status).toBe(200);
    await local.mode.oidc.close();
    // A token seen before, and a token never seen but signed with the known key: both still verify.
    expect((await local.browser(loggedIn, 'GET', READ)).status).toBe(200);
    const fresh = mintToken(state.signingKey, state.signingKey.kid, claims('admins'));
    const allowed = await local.browser(fresh, 'POST', WRITE, '{}');
    expect(allowed.status).toBe(200);
    expect(allowed.json).toMatchObject({ operation: 'CreateExperiment' });
    // A key rotated in at the provider, while its JWKS cannot be fetched: 401, again and again.
    const rotated = newSigningKey();
    for (const token of [mintToken(rotated, rotated.kid, claims('admins')), mintToken(rotated, rotated.kid, claims('readers'))]) {
      for (const [method, path] of [['GET', READ], ['POST', WRITE]] as const) {
        expect((await local.browser(token, method, path, method === 'POST' ? '{}' : undefined)).status).toBe(401);
        expect((await local.browser(token, method, path, method === 'POST' ? '{}' : undefined)).status).toBe(401);
      }
    }
    // A token with a known key id but signed by another key is refused too.
    expect((await local.browser(mintToken(rotated, state.signingKey.kid, claims('admins')), 'GET', READ)).status).toBe(401);
  });
});
