// Logs a demo user in to the local OIDC provider over plain HTTP (what a browser does, without one): the
// authorization code flow with PKCE through the login form, then the token request.
import { createHash, randomBytes } from 'node:crypto';

/** The tokens the token endpoint returns. */
export interface Tokens {
  readonly id_token: string;
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly expires_in: number;
}

/** Logs `username` in with `password`; rejects when the form does not let them in. */
export async function loginOverHttp(issuer: string, clientId: string, redirectUri: string, username: string, password: string): Promise<Tokens> {
  const jar = new Map<string, string>();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const authorize = new URL(`${issuer}/auth`);
  for (const [k, v] of Object.entries({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    authorize.searchParams.set(k, v);
  }
  let response = await send(jar, authorize.href);
  let location = response.headers.get('location');
  if (location === null) throw new Error(`no redirect to the login form (${response.status})`);
  const form = new URL(location, issuer).href;
  await send(jar, form);
  response = await send(jar, form, new URLSearchParams({ username, password }));
  location = response.headers.get('location');
  if (location === null) throw new Error(`login refused for ${username} (${response.status})`);
  while (!location.startsWith(redirectUri)) {
    response = await send(jar, new URL(location, issuer).href);
    location = response.headers.get('location');
    if (location === null) throw new Error(`login did not return to the client (${response.status}: ${await response.text()})`);
  }
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
  const code = back.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${back.search}`);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
  });
  if (!token.ok) throw new Error(`token request failed: ${token.status} ${await token.text()}`);
  return (await token.json()) as Tokens;
}

/** The claims of a JWT (not verified: the gateway's authorizer does that). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function send(jar: Map<string, string>, url: string, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: form === undefined ? 'GET' : 'POST', headers, body: form, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
  }
  return response;
}
