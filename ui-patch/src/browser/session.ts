import { jwtDecode } from 'jwt-decode';
import { ErrorResponse, OidcClient, User, WebStorageStateStore } from 'oidc-client-ts';
import type { LoginConfig } from '../config/login-config.js';
import { logoutUrl } from './logout-url.js';
import type { RequestAuth } from './request-auth.js';
import { RedirectLog } from './redirect-log.js';
import { ReturnRoute } from './return-route.js';
import { clearedTokenCookie, tokenCookie } from './token-cookie.js';

/** What the session does to the page; the browser entry point supplies the real ones, tests their own. */
export interface SessionEnvironment {
  /** Per-tab storage (sessionStorage): the signed-in user, the PKCE state, the route to return to. */
  readonly storage: Storage;
  readonly nowMs: () => number;
  readonly navigate: (url: string) => void;
  readonly setCookie: (cookie: string) => void;
  /** The location's hash when a sign-in starts (the MLflow route). */
  readonly currentHash: () => string;
  readonly events: SessionEvents;
}

/** What the user is shown. */
export interface SessionEvents {
  signedIn(user: { readonly name: string }): void;
  /** A problem that stops the login; `retry` starts a new sign-in when the user asks for it. */
  failed(message: string, retry: (() => void) | null): void;
  forbidden(method: string, url: string): void;
  /** The token was refused as a cookie (too large, or the browser refused it): images and downloads will fail. */
  cookieRefused(reason: string): void;
}

const USER_KEY = 'mlflow-login:user';
// A token within this many seconds of its expiry is renewed before it is sent.
const MIN_VALIDITY_S = 5;
// Renewal starts this share of the token's lifetime before it expires, at most a minute before.
const RENEW_SHARE = 0.2;
const MAX_RENEW_LEAD_S = 60;

/**
 * The signed-in user of one tab, on oidc-client-ts's OidcClient: authorization code + PKCE, the user kept in
 * sessionStorage, the ID token renewed with the refresh token before it expires (and after a 401), mirrored into
 * the token cookie, and logout through Cognito's `/logout` or the issuer's end_session_endpoint.
 * (UserManager would add iframe and popup sign-in, which Cognito's X-Frame-Options forbids, and ~28 KB.)
 */
export class LoginSession implements RequestAuth {
  readonly #config: LoginConfig;
  readonly #env: SessionEnvironment;
  readonly #client: OidcClient;
  readonly #redirects: RedirectLog;
  readonly #returnRoute: ReturnRoute;
  #user: User | null = null;
  #renewing: Promise<string | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the page is on its way to the issuer (sign-in or logout): no second navigation starts. */
  #leaving = false;
  /** Set while a failure is shown: sign-in starts again only when the user asks, never from an API call. */
  #stopped = false;

  constructor(config: LoginConfig, env: SessionEnvironment) {
    this.#config = config;
    this.#env = env;
    this.#client = new OidcClient({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      post_logout_redirect_uri: config.postLogoutRedirectUri,
      response_type: 'code',
      scope: config.scope,
      stateStore: new WebStorageStateStore({ store: env.storage, prefix: 'mlflow-login:oidc.' }),
      // RFC 7009 answers a revocation with an empty 200, which some issuers label text/plain.
      revokeTokenAdditionalContentTypes: ['text/plain'],
    });
    this.#redirects = new RedirectLog(env.storage, env.nowMs);
    this.#returnRoute = new ReturnRoute(env.storage);
  }

  /**
   * Signs in: completes the redirect when `callbackUrl` (the address the issuer sent the browser back to) is
   * given, else resumes the stored user (renewing it if needed), else starts the redirect to the issuer.
   */
  async start(callbackUrl: string | null): Promise<void> {
    if (callbackUrl !== null) {
      await this.#completeSignIn(callbackUrl);
      return;
    }
    const stored = this.#env.storage.getItem(USER_KEY);
    const user = stored === null ? null : safeUser(stored);
    if (user !== null && this.#secondsLeft(user) > MIN_VALIDITY_S) {
      this.#adopt(user);
    } else if (user?.refresh_token !== undefined) {
      this.#user = user;
      if ((await this.#renew()) === null && this.#user === null) await this.signIn();
    } else {
      await this.signIn();
    }
  }

  /** Sends the browser to the issuer's sign-in page, remembering the MLflow route; stops a redirect loop. */
  async signIn(): Promise<void> {
    if (this.#leaving) return;
    this.#leaving = true;
    if (!this.#redirects.mayRedirect()) {
      this.#leaving = false;
      this.#fail(
        'Signing in keeps failing: the browser was sent to the sign-in page several times in a row, so it stopped. ' +
          'Check that this browser accepts the sign-in and that your account may use MLflow.',
        () => this.#restart(),
      );
      return;
    }
    this.#redirects.record();
    try {
      const request = await this.#client.createSigninRequest({});
      this.#returnRoute.remember(request.state.id, this.#env.currentHash());
      this.#env.navigate(request.url);
    } catch (error) {
      this.#leaving = false;
      this.#fail(`The sign-in page of ${this.#config.authority} could not be reached: ${message(error)}`, () => this.#restart());
    }
  }

  async token(): Promise<string | null> {
    const current = this.currentToken();
    if (current !== null) return current;
    // The page is leaving for the issuer: a request sent now could only fail, so it waits for the navigation.
    if (this.#leaving) return new Promise<never>(() => undefined);
    if (this.#user?.refresh_token !== undefined) {
      const renewed = await this.#renew();
      if (renewed !== null) return renewed;
      // The issuer could not be reached: keep the user and try again with the next request.
      if (this.#user !== null) return null;
    }
    if (!this.#stopped) void this.signIn();
    return null;
  }

  currentToken(): string | null {
    const user = this.#user;
    return user !== null && this.#secondsLeft(user) > MIN_VALIDITY_S ? (user.id_token ?? null) : null;
  }

  async renew(rejected: string): Promise<string | null> {
    const current = this.currentToken();
    if (current !== null && current !== rejected) return current;
    if (this.#user?.refresh_token === undefined) return null;
    return this.#renew();
  }

  forbidden(method: string, url: string): void {
    this.#env.events.forbidden(method, url);
  }

  /** Revokes the refresh token, forgets the user and the cookie, and ends the issuer's session. */
  async logout(): Promise<void> {
    this.#leaving = true;
    const user = this.#user;
    this.#forget();
    if (user?.refresh_token !== undefined) {
      await this.#client.revokeToken(user.refresh_token, 'refresh_token').catch((error: unknown) => {
        console.warn(`mlflow-login: the refresh token could not be revoked: ${message(error)}`);
      });
    }
    if (this.#config.logoutUrl !== undefined) {
      this.#env.navigate(logoutUrl(this.#config.logoutUrl, this.#config.clientId, this.#config.postLogoutRedirectUri));
      return;
    }
    try {
      const request = await this.#client.createSignoutRequest({ id_token_hint: user?.id_token, post_logout_redirect_uri: this.#config.postLogoutRedirectUri });
      this.#env.navigate(request.url);
    } catch {
      this.#env.navigate(this.#config.postLogoutRedirectUri);
    }
  }

  async #completeSignIn(callbackUrl: string): Promise<void> {
    try {
      const response = await this.#client.processSigninResponse(callbackUrl);
      this.#adopt(new User(response));
    } catch (error) {
      const reason = error instanceof ErrorResponse ? (error.error_description ?? error.error ?? error.message) : message(error);
      this.#fail(`Signing in did not succeed: ${reason}`, () => this.#restart());
    }
  }

  #fail(message: string, retry: () => void): void {
    this.#stopped = true;
    this.#env.events.failed(message, retry);
  }

  #restart(): void {
    this.#redirects.clear();
    this.#leaving = false;
    this.#stopped = false;
    void this.signIn();
  }

  // One renewal at a time, however many requests ask for it.
  #renew(): Promise<string | null> {
    this.#renewing ??= this.#refresh().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #refresh(): Promise<string | null> {
    const user = this.#user;
    if (user?.refresh_token === undefined) return null;
    try {
      const response = await this.#client.useRefreshToken({
        state: { refresh_token: user.refresh_token, id_token: user.id_token, session_state: user.session_state, scope: user.scope, profile: user.profile },
      });
      // Without refresh-token rotation the response carries no new refresh token: the old one stays valid.
      const renewed = new User({ ...response, refresh_token: response.refresh_token ?? user.refresh_token });
      if (this.#user !== user) return this.currentToken();
      this.#adopt(renewed);
      return this.currentToken();
    } catch (error) {
      if (error instanceof ErrorResponse && this.#user === user) this.#forget();
      console.warn(`mlflow-login: renewing the session failed: ${message(error)}`);
      return null;
    }
  }

  #adopt(user: User): void {
    this.#user = user;
    this.#env.storage.setItem(USER_KEY, user.toStorageString());
    this.#mirrorCookie(user);
    this.#schedule(user);
    const profile = user.profile;
    this.#env.events.signedIn({ name: String(profile.email ?? profile['cognito:username'] ?? profile.preferred_username ?? profile.sub) });
  }

  #forget(): void {
    clearTimeout(this.#timer);
    this.#user = null;
    this.#env.storage.removeItem(USER_KEY);
    this.#env.setCookie(clearedTokenCookie());
  }

  #mirrorCookie(user: User): void {
    const idToken = user.id_token ?? '';
    const cookie = tokenCookie(idToken, idTokenExpiry(user) ?? 0, this.#env.nowMs() / 1000);
    if (cookie === null) {
      this.#env.setCookie(clearedTokenCookie());
      this.#env.events.cookieRefused(`the ID token (${idToken.length} bytes) does not fit in a cookie`);
    } else {
      this.#env.setCookie(cookie);
    }
  }

  #schedule(user: User): void {
    clearTimeout(this.#timer);
    if (user.refresh_token === undefined) return;
    const claims = idTokenClaims(user);
    const lifetime = claims?.exp !== undefined && claims.iat !== undefined ? claims.exp - claims.iat : MAX_RENEW_LEAD_S / RENEW_SHARE;
    const lead = Math.min(MAX_RENEW_LEAD_S, lifetime * RENEW_SHARE);
    const delayMs = Math.max(0, (this.#secondsLeft(user) - lead) * 1000);
    this.#timer = setTimeout(() => void this.#renew(), delayMs);
  }

  // The ID token is what is sent, so its own `exp` counts, and the access token's too (oidc-client-ts renews both).
  #secondsLeft(user: User): number {
    const now = this.#env.nowMs() / 1000;
    const idExpiry = idTokenExpiry(user);
    if (idExpiry === undefined) return 0;
    return Math.min(idExpiry, user.expires_at ?? idExpiry) - now;
  }
}

function idTokenClaims(user: User): { exp?: number; iat?: number } | null {
  if (user.id_token === undefined) return null;
  try {
    return jwtDecode<{ exp?: number; iat?: number }>(user.id_token);
  } catch {
    return null;
  }
}

function idTokenExpiry(user: User): number | undefined {
  const exp = idTokenClaims(user)?.exp;
  return typeof exp === 'number' ? exp : undefined;
}

function safeUser(stored: string): User | null {
  try {
    return User.fromStorageString(stored);
  } catch {
    return null;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
