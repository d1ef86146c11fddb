import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, loginOverHttp } from '../../test/oidc-login.js';
import { demoUsers } from './demo-users.js';
import { loadOidcState } from './oidc-state.js';
import type { OidcProvider } from './provider.js';
import { LOCAL_CLIENT_ID, startOidcProvider } from './provider.js';

const REDIRECT = 'http://127.0.0.1:8700/prod/';
let dir: string;
let provider: OidcProvider;
let users: ReturnType<typeof demoUsers>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oidc-'));
  const state = await loadOidcState(join(dir, 'oidc.json'), ['readers', 'admins']);
  users = demoUsers({ readers: 'readers', admins: 'admins' }, state.passwords);
  provider = await startOidcProvider({ host: '127.0.0.1', port: 0, redirectUris: [REDIRECT], users, state });
});

afterAll(async () => {
  await provider.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the local OIDC provider', () => {
  it('logs a demo user in and issues a Cognito-shaped ID token', async () => {
    const reader = users.find((u) => u.username === 'readers');
    const tokens = await loginOverHttp(provider.issuer, LOCAL_CLIENT_ID, REDIRECT, 'readers', reader?.password ?? '');
    const claims = claimsOf(tokens.id_token);
    expect(claims).toMatchObject({ iss: provider.issuer, aud: LOCAL_CLIENT_ID, sub: reader?.sub, 'cognito:groups': ['readers'], 'cognito:username': 'readers' });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
    const header = JSON.parse(Buffer.from(tokens.id_token.split('.')[0] ?? '', 'base64url').toString()) as { alg: string; kid: string };
    expect(header.alg).toBe('RS256');
    const jwks = (await (await fetch(provider.jwksUri)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('refuses a wrong password and an unknown user', async () => {
    await expect(loginOverHttp(provider.issuer, LOCAL_CLIENT_ID, REDIRECT, 'readers', 'wrong-password')).rejects.toThrow(/login refused/);
    await expect(loginOverHttp(provider.issuer, LOCAL_CLIENT_ID, REDIRECT, 'nobody', 'x')).rejects.toThrow(/login refused/);
  });

  it('refuses a redirect URI that is not the UI', async () => {
    const admin = users.find((u) => u.username === 'admins');
    await expect(loginOverHttp(provider.issuer, LOCAL_CLIENT_ID, 'http://evil.example/', 'admins', admin?.password ?? '')).rejects.toThrow();
  });

  it('keeps the keys and passwords across restarts', async () => {
    const again = await loadOidcState(join(dir, 'oidc.json'), ['readers', 'admins', 'new-group']);
    expect(again.passwords['readers']).toBe(users.find((u) => u.username === 'readers')?.password);
    expect(again.passwords['new-group']).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });
});
