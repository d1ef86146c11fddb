// The login script injected into MLflow's built index.html, before the app's own bundle. It must run first and
// install the fetch and XMLHttpRequest wrappers synchronously, so that even references the app bundle captures
// at load time are the wrapped ones; everything else (the configuration, the sign-in) follows asynchronously.
import { LOGIN_CONFIG_FILE, LoginConfigError, parseLoginConfigText } from '../config/login-config.js';
import type { LoginConfig } from '../config/login-config.js';
import { ApiScope } from './api-scope.js';
import { signInCallbackState } from './callback-address.js';
import { wrapFetch } from './fetch-wrapper.js';
import { forbiddenMessage } from './forbidden-message.js';
import type { RequestAuth } from './request-auth.js';
import { ReturnRoute } from './return-route.js';
import { LoginSession } from './session.js';
import type { SessionEvents } from './session.js';
import { AccountControl } from './ui/account-control.js';
import { showNotice } from './ui/notice.js';
import { Toasts } from './ui/toasts.js';
import { wrapXhr } from './xhr-wrapper.js';

declare global {
  interface Window {
    /** The login's public handle: `mlflowLogin.logout()`. Its presence also marks the script as installed. */
    mlflowLogin?: { readonly logout: () => Promise<void>; readonly ready: Promise<void> };
  }
}

function install(): void {
  if (window.mlflowLogin !== undefined) return;
  const base = new URL('.', document.baseURI).href;
  const originalFetch = window.fetch.bind(window);

  // Back from the issuer: put the MLflow route back and drop ?code&state before the app's router reads them.
  const callbackState = signInCallbackState(location.href, base);
  const callbackUrl = callbackState === null ? null : location.href;
  if (callbackState !== null) history.replaceState(history.state, '', base + new ReturnRoute(sessionStorage).take(callbackState));

  const scope = new ApiScope(base);
  let session: LoginSession | null = null;
  const ready = start().catch((error: unknown) => {
    showNotice('MLflow sign-in failed', String(error), { label: 'Reload', run: () => location.reload() });
  });
  const auth: RequestAuth = {
    token: async () => {
      await ready;
      return session === null ? null : session.token();
    },
    currentToken: () => session?.currentToken() ?? null,
    renew: async (rejected) => (session === null ? null : session.renew(rejected)),
    forbidden: (method, url) => session?.forbidden(method, url),
  };
  const context = { scope, auth, documentBase: () => document.baseURI };
  window.fetch = wrapFetch(originalFetch, context);
  window.XMLHttpRequest = wrapXhr(window.XMLHttpRequest, context);
  window.mlflowLogin = Object.freeze({ logout: async () => session?.logout(), ready });

  async function start(): Promise<void> {
    const config = await loadConfig(originalFetch, base);
    if (config === null) return;
    // The issuer's own endpoints never wait for a token, even when it is served under the UI's address.
    scope.exclude(config.authority);
    if (config.redirectUri !== base) {
      console.warn(`mlflow-login: ${LOGIN_CONFIG_FILE} names ${config.redirectUri} as the UI's address, but this page is at ${base}`);
    }
    session = new LoginSession(config, {
      storage: sessionStorage,
      nowMs: () => Date.now(),
      navigate: (url) => location.assign(url),
      setCookie: (cookie) => {
        document.cookie = cookie;
        const name = cookie.slice(0, cookie.indexOf('='));
        if (!cookie.endsWith('Max-Age=0') && !document.cookie.split('; ').some((c) => c.startsWith(`${name}=`))) {
          console.warn(`mlflow-login: this browser refused the ${name} cookie on ${location.origin}; logged images and artifact downloads will not load.`);
        }
      },
      currentHash: () => location.hash,
      events: pageEvents(base, () => session?.logout() ?? Promise.resolve()),
    });
    await session.start(callbackUrl);
  }
}

async function loadConfig(fetchOriginal: typeof fetch, base: string): Promise<LoginConfig | null> {
  const url = new URL(LOGIN_CONFIG_FILE, base).href;
  try {
    const response = await fetchOriginal(url, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new LoginConfigError(`${LOGIN_CONFIG_FILE} could not be loaded from ${url}: HTTP ${response.status}`);
    return parseLoginConfigText(await response.text());
  } catch (error) {
    const detail = error instanceof LoginConfigError ? error.message : `${LOGIN_CONFIG_FILE} could not be loaded from ${url}: ${String(error)}`;
    showNotice('MLflow sign-in is not configured correctly', `${detail}\n\nAsk the administrator of this MLflow deployment to fix the login configuration.`, {
      label: 'Reload',
      run: () => location.reload(),
    });
    console.error(`mlflow-login: ${detail}`);
    return null;
  }
}

function pageEvents(base: string, logout: () => Promise<void>): SessionEvents {
  const toasts = new Toasts();
  const account = new AccountControl(logout);
  return {
    signedIn: (user) => account.show(user.name),
    failed: (text, retry) => showNotice('MLflow sign-in', text, retry === null ? null : { label: 'Sign in again', run: retry }),
    forbidden: (method, url) => toasts.show(forbiddenMessage(method, url, base)),
    cookieRefused: (reason) => console.warn(`mlflow-login: ${reason}; logged images and artifact downloads will not load.`),
  };
}

install();
