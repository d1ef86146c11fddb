// A local OIDC issuer for the browser test: oidc-provider (MIT) with its development login page (any user name
// and password), one public client (no secret, PKCE), refresh tokens for the code grant as Cognito issues them,
// short-lived ID tokens carrying Cognito's claims, token revocation and RP-initiated logout.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface LocalIssuer {
  readonly issuer: string;
  /** The public signing key, for the stand-in gateway's verifier. */
  readonly publicJwk: JWK;
  /** `grant_type` of every successful token request, in order. */
  readonly grants: string[];
  /** Every request the issuer answered, as `METHOD /path STATUS`. */
  readonly requests: string[];
  close(): Promise<void>;
}

export interface IssuerOptions {
  readonly clientId: string;
  /** The UI's base URL: the client's redirect and post-logout URI. */
  readonly uiBase: string;
  readonly idTokenSeconds: number;
}

/** Starts the issuer on a free loopback port. */
export async function startIssuer(options: IssuerOptions): Promise<LocalIssuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants: string[] = [];
  const requests: string[] = [];
  server.on('request', (req, res) => res.on('finish', () => requests.push(`${req.method} ${new URL(req.url ?? '/', issuer).pathname} ${res.statusCode}`)));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.uiBase],
        post_logout_redirect_uris: [options.uiBase],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['browser-test-cookie-key'] },
    ttl: { IdToken: options.idTokenSeconds, AccessToken: options.idTokenSeconds, AuthorizationCode: 60, RefreshToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
    features: { devInteractions: { enabled: true }, revocation: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // Cognito issues a refresh token for every code grant, without offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Cognito's ID tokens carry a jti: two tokens issued in the same second still differ (RS256 is deterministic).
    claims: { openid: ['sub', 'cognito:groups', 'jti'], email: ['email', 'email_verified'], profile: ['cognito:username'] },
    // Claims in the ID token itself, as Cognito's ID token carries them.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, jti: randomUUID(), email: `${sub}@example.com`, email_verified: true, 'cognito:username': sub, 'cognito:groups': ['readers'] }),
    }),
    // No consent page (Cognito's managed login has none): the grant is made on first sign-in.
    loadExistingGrant: async (ctx) => {
      const oidc = ctx.oidc;
      const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client?.clientId ?? '');
      if (existing !== undefined) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId: oidc.client?.clientId, accountId: oidc.session?.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('grant.success', (ctx) => grants.push(String(ctx.oidc.params?.['grant_type'])));
  server.on('request', provider.callback());

  return {
    issuer,
    publicJwk,
    grants,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
