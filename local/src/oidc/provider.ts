import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type ProviderClass from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { close, listen } from '../http/listen.js';
import { readBody } from '../http/read-body.js';
import type { DemoUser } from './demo-users.js';
import { escapeHtml, loginPage } from './login-page.js';
import { memoryAdapter } from './memory-adapter.js';
import type { OidcState } from './oidc-state.js';

/** The public client the UI logs in with (authorization code + PKCE, no secret), as Cognito's app client. */
export const LOCAL_CLIENT_ID = 'mlflow-local-ui';

/** The scope the UI asks for, as with Cognito. */
export const LOGIN_SCOPE = 'openid email profile';

/** What the local OIDC provider needs. */
export interface OidcProviderOptions {
  readonly host: string;
  readonly port: number;
  /** The UI's base URLs (`http://127.0.0.1:PORT/STAGE/`, …): the client's redirect and post-logout URIs. */
  readonly redirectUris: readonly string[];
  readonly users: readonly DemoUser[];
  readonly state: OidcState;
  readonly idTokenTtlSeconds?: number;
}

/** A running local OIDC provider. */
export interface OidcProvider {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly port: number;
  readonly close: () => Promise<void>;
}

/**
 * Starts an OIDC provider (oidc-provider, MIT) on `host:port` standing in for the Cognito user pool: demo users
 * with passwords, one public client, ID tokens signed RS256 carrying `cognito:groups` and `cognito:username` as
 * Cognito's do, refresh tokens for the code grant, CORS for the client's own origins only.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const Provider = await importProvider();
  const server: Server = createServer();
  const port = await listen(server, options.host, options.port, 'the local OIDC provider', '--oidc-port');
  const issuer = `http://${options.host}:${port}`;
  const users = new Map(options.users.map((u) => [u.username, u]));
  const bySub = new Map(options.users.map((u) => [u.sub, u]));
  const redirectOrigins = new Set(options.redirectUris.map((u) => new URL(u).origin));
  const ttl = options.idTokenTtlSeconds ?? 3600;
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: 'MLflow (local mode)',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.redirectUris],
        post_logout_redirect_uris: [...options.redirectUris],
      },
    ],
    jwks: { keys: [options.state.signingKey as never] },
    cookies: { keys: [...options.state.cookieKeys] },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    claims: { openid: ['sub', 'cognito:groups', 'cognito:username'], email: ['email', 'email_verified'], profile: ['name'] },
    // Cognito puts the user's claims into the ID token for the code flow too; the authorizer reads them there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId }, resourceIndicators: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource } },
    ttl: { AccessToken: ttl, IdToken: ttl, AuthorizationCode: 60, Interaction: 600, Session: 86_400, Grant: 86_400, RefreshToken: 86_400 },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => redirectOrigins.has(origin),
    findAccount: (_ctx, sub) => {
      const user = bySub.get(sub);
      if (user === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: user.email, email_verified: true, name: user.username, 'cognito:username': user.username, 'cognito:groups': [...user.groups] }),
      };
    },
    // The one client is this project's own UI: consent is given on its behalf, as with Cognito's managed login.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client?.clientId ?? '');
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId: oidc.client?.clientId, accountId: oidc.session?.accountId });
      grant.addOIDCScope('openid email profile offline_access');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(String(out['error'] ?? 'error'))}: ${escapeHtml(String(out['error_description'] ?? ''))}</p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('This sign-in attempt expired or is invalid; start again from the application.');
      });
      return;
    }
    callback(req, res);
  });

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const action = `/interaction/${details.uid}`;
    const usernames = [...users.keys()];
    if (details.prompt.name !== 'login') {
      await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method !== 'POST') {
      html(res, 200, loginPage({ action, usernames }));
      return;
    }
    const body = await readBody(req, 16_384);
    const form = new URLSearchParams(typeof body === 'string' ? '' : body.bytes.toString('utf8'));
    const username = form.get('username') ?? '';
    const user = users.get(username);
    if (user === undefined || !samePassword(form.get('password') ?? '', user.password)) {
      html(res, 200, loginPage({ action, usernames, username, error: 'Wrong user name or password.' }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  }

  return { issuer, jwksUri: `${issuer}/jwks`, port, close: () => close(server) };
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = `<!doctype html><meta charset="utf-8"><title>Sign out</title><h1>Sign out?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`;
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.body = '<!doctype html><meta charset="utf-8"><title>Signed out</title><h1>Signed out</h1>';
}

// oidc-provider warns once, on import, that Node 20 is not a supported runtime; it works on Node 20 (the project's
// runtime, checked by the tests), so that one line is kept out of the start-up output.
async function importProvider(): Promise<typeof ProviderClass> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}
