// The login in a real browser: headless Debian Chromium, a local OIDC issuer (oidc-provider), a stand-in API
// Gateway + authorizer + MLflow, and a fixture UI folder shaped like MLflow's build, injected by the bundled
// injector exactly as the infra Dockerfile runs it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_COOKIE_NAME } from '@mlflow-authz/core';
import { buildUiPatch } from '../build/build.js';
import type { LoginConfig } from '../src/index.js';
import { launchChromium } from './browser/chromium.js';
import { FIXTURE_APP } from './browser/fixture-app.js';
import type { LocalIssuer } from './browser/oidc-issuer.js';
import { startIssuer } from './browser/oidc-issuer.js';
import { StandInGateway, tokenId } from './browser/stand-in-gateway.js';
import { ThirdParty } from './browser/third-party.js';
import { writeMlflowBuild } from './support/mlflow-build.js';

const CLIENT_ID = 'mlflow-ui';
const ID_TOKEN_SECONDS = 10;
const ROUTE = '#/experiments/1';

let work: string;
let issuer: LocalIssuer;
let gateway: StandInGateway;
let thirdParty: ThirdParty;
let browser: Browser;
let base: string;
let config: LoginConfig;
const timings: Record<string, number> = {};

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

beforeAll(async () => {
  await timed('setup (build, inject, issuer, gateway, Chromium)', async () => {
    work = await mkdtemp(join(tmpdir(), 'browser-login-'));
    const built = await buildUiPatch(join(work, 'dist'));
    const uiDir = join(work, 'build');
    await writeMlflowBuild(uiDir, FIXTURE_APP);
    await promisify(execFile)(process.execPath, [built.injector, uiDir, '--bundle', built.browserBundle]);

    // The gateway's port is the UI's address, which the issuer must know as the client's redirect URI.
    thirdParty = new ThirdParty();
    await thirdParty.start();
    gateway = new StandInGateway({ uiDir, clientId: CLIENT_ID });
    base = await gateway.start();
    issuer = await startIssuer({ clientId: CLIENT_ID, uiBase: base, idTokenSeconds: ID_TOKEN_SECONDS });
    gateway.trustIssuer(issuer.issuer, issuer.publicJwk);
    config = { version: 1, authority: issuer.issuer, clientId: CLIENT_ID, redirectUri: base, postLogoutRedirectUri: base, scope: 'openid email profile' };
    gateway.config = config;
    browser = await launchChromium();
  });
});

afterAll(async () => {
  console.log(`browser-test timings (ms): ${JSON.stringify(timings)}`);
  await browser?.close();
  await gateway?.close();
  await thirdParty?.close();
  await issuer?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** Fills the issuer's login page and waits until the browser is back on the UI at `ROUTE`. */
async function signIn(page: Page, user = 'alice'): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(issuer.issuer));
  await page.fill('input[name=login]', user);
  await page.fill('input[name=password]', 'any password');
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}${ROUTE}`);
}

const storedUser = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('mlflow-login:user') ?? 'null') as { id_token: string; refresh_token: string } | null);
const apiCalls = (path: string) => gateway.log.filter((r) => r.path.startsWith(path));
const renewals = () => issuer.grants.filter((g) => g === 'refresh_token').length;

// The signed-in page of the first and the last describe, and the ID token its sign-in gave it.
let context: BrowserContext;
let page: Page;
let firstToken: string;

describe('the MLflow login in Chromium', () => {
  it('signs in through the issuer and comes back to the MLflow route, the address cleaned before the app starts', async () => {
    ({ context, page } = await newPage());
    await timed('sign-in round trip', async () => {
      await page.goto(`${base}${ROUTE}`);
      await signIn(page);
    });
    const boot = await page.evaluate(() => (window as unknown as { appBoot: { href: string; search: string; wrapped: boolean } }).appBoot);
    expect(boot).toEqual({ href: `${base}${ROUTE}`, search: '', wrapped: true });
    await expect.poll(() => page.getAttribute('#root', 'data-first-call')).toBe('200');
    await expect.poll(() => page.locator('#mlflow-login-account .name').textContent()).toBe('alice@example.com');
    expect(issuer.grants).toEqual(['authorization_code']);
    firstToken = (await storedUser(page))?.id_token ?? '';
    expect(firstToken).not.toBe('');
    // Still set once the token is renewed: the renewal did not reload the page.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  });

  it('sends the ID token on same-origin calls (fetch, Request, XHR) with the app\'s headers, and never to another origin', async () => {
    const before = gateway.log.length;
    const results = await page.evaluate(async (other) => {
      const app = (window as unknown as { app: Record<string, (...args: unknown[]) => Promise<{ status: number }>> }).app;
      return [
        (await app['fetchJson']?.('ajax-api/2.0/mlflow/runs/search', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }))?.status,
        (await app['fetchRequest']?.('ajax-api/2.0/mlflow/experiments/get?experiment_id=1', { 'X-MLflow-Workspace': 'team-a' }))?.status,
        (await app['xhr']?.('POST', 'graphql', '{"query":"{ test }"}', { 'Content-Type': 'application/json' }))?.status,
        (await app['fetchJson']?.(`${other}/api/2.0/x`, { headers: { 'X-Trace': '1' } }))?.status,
      ];
    }, thirdParty.origin);
    expect(results).toEqual([200, 200, 200, 200]);
    const calls = gateway.log.slice(before);
    expect(calls.map((c) => [c.method, c.operation, c.credential, c.status])).toEqual([
      ['POST', 'SearchRuns', 'bearer', 200],
      ['GET', 'GetExperiment', 'bearer', 200],
      ['POST', 'graphql', 'bearer', 200],
    ]);
    expect(calls[1]?.workspace).toBe('team-a');
    // Each carried an ID token the gateway verified (which one depends on renewals, which may happen meanwhile).
    expect(calls.every((c) => c.token !== null)).toBe(true);
    expect(thirdParty.log.length).toBeGreaterThan(0);
    expect(thirdParty.log.every((r) => r.authorization === null && !/authorization/i.test(r.requestedHeaders ?? ''))).toBe(true);
    expect(thirdParty.log.some((r) => r.requestedHeaders === 'x-trace')).toBe(true);
  });

  it('mirrors the ID token into the __Host- cookie, which loads an <img> of an artifact and nothing else', async () => {
    const token = (await storedUser(page))?.id_token ?? '';
    const cookie = (await context.cookies(base)).find((c) => c.name === TOKEN_COOKIE_NAME);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
    expect(cookie).toMatchObject({ value: token, path: '/', secure: true, sameSite: 'Strict', httpOnly: false });
    expect(Math.abs((cookie?.expires ?? 0) - exp)).toBeLessThanOrEqual(2);

    const image = (src: string) => page.evaluate((s) => (window as unknown as { app: { image: (src: string) => Promise<{ loaded: boolean }> } }).app.image(s), src);
    expect(await image('get-artifact?path=plot.png&run_uuid=r1')).toEqual({ loaded: true, width: 1 });
    expect(apiCalls('/get-artifact').at(-1)).toMatchObject({ operation: 'serve_artifacts', credential: 'cookie', status: 200, token: expect.any(String) });
    // The cookie alone opens no other operation (the authorizer's rule, from authz-core).
    expect(await image('ajax-api/2.0/mlflow/experiments/get?experiment_id=1')).toEqual({ loaded: false });
    expect(gateway.log.at(-1)).toMatchObject({ operation: 'GetExperiment', credential: 'none', status: 401 });
  });

  it('passes a 403 through unchanged, once, and shows it as a permission problem', async () => {
    const before = apiCalls('/ajax-api/2.0/mlflow/experiments/delete').length;
    const result = await page.evaluate(() =>
      (window as unknown as { app: { fetchJson: (p: string, i: RequestInit) => Promise<{ status: number; text: string }> } }).app.fetchJson('ajax-api/2.0/mlflow/experiments/delete', { method: 'POST', body: '{"experiment_id":"1"}' }),
    );
    expect(result).toEqual({ status: 403, text: '{"Message":"User is not authorized to access this resource with an explicit deny"}' });
    expect(apiCalls('/ajax-api/2.0/mlflow/experiments/delete')).toHaveLength(before + 1);
    await expect.poll(() => page.locator('#mlflow-login-toasts .toast').allTextContents()).toEqual([
      'Permission denied: POST ajax-api/2.0/mlflow/experiments/delete. Your MLflow role does not allow this operation.',
    ]);
  });
});

describe('the login configuration at run time', () => {
  it('shows a clear message for a broken mlflow-login.json, and for a missing one, instead of a blank page', async () => {
    for (const [served, message] of [
      [{ ...config, clientId: '' }, 'mlflow-login.json "clientId" must be a non-empty string'],
      ['{"version": 1,', 'mlflow-login.json is not valid JSON'],
      [null, `mlflow-login.json could not be loaded from ${base}mlflow-login.json: HTTP 404`],
    ] as const) {
      gateway.config = served;
      const { context, page } = await newPage();
      await page.goto(`${base}${ROUTE}`);
      await expect.poll(() => page.locator('#mlflow-login-notice .text').textContent()).toContain(message);
      expect(await page.locator('#mlflow-login-notice .title').textContent()).toBe('MLflow sign-in is not configured correctly');
      expect(page.url()).toBe(`${base}${ROUTE}`);
      await context.close();
    }
    gateway.config = config;
  });

  it('signs out through a Cognito-style logoutUrl with client_id and logout_uri, read from the document without a rebuild', async () => {
    gateway.config = { ...config, logoutUrl: `${thirdParty.origin}/logout` };
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}${ROUTE}`);
      await signIn(page, 'bob');
      const user = await storedUser(page);
      const warnings: string[] = [];
      page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => thirdParty.log.filter((r) => r.path.startsWith('/logout')).length).toBe(1);
      const logout = new URL(thirdParty.log.find((r) => r.path.startsWith('/logout'))?.path ?? '', thirdParty.origin);
      expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT_ID, logout_uri: base });
      const refresh = await fetch(`${issuer.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: user?.refresh_token ?? '', client_id: CLIENT_ID }) });
      // Cognito's /logout ends no OIDC session here: only the login's own revocation can have refused this token.
      expect(refresh.status).toBe(400);
      expect(warnings).toEqual([]);
    } finally {
      await context.close();
      gateway.config = config;
    }
  });
});

describe('a sign-in that does not succeed', () => {
  it('shows the issuer\'s reason when the user cancels, keeps the route, and offers to sign in again', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}#/models`);
      await page.waitForURL((url) => url.href.startsWith(issuer.issuer));
      await page.getByText('[ Cancel ]').click();
      await page.waitForURL(`${base}#/models`);
      await expect.poll(() => page.locator('#mlflow-login-notice .text').textContent()).toMatch(/^Signing in did not succeed: .+/);
      expect(await storedUser(page)).toBeNull();
      await page.getByRole('button', { name: 'Sign in again' }).click();
      await page.waitForURL((url) => url.href.startsWith(issuer.issuer));
      expect(await page.locator('input[name=login]').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('Chromium and the __Host- cookie on plain http loopback (local mode runs on http://127.0.0.1)', () => {
  it.each(['127.0.0.1', 'localhost'])('keeps and sends a Secure __Host- cookie set by script on http://%s', async (host) => {
    const { context, page } = await newPage();
    const origin = thirdParty.origin.replace('127.0.0.1', host);
    await page.goto(`${origin}/page`);
    const stored = await page.evaluate((name) => {
      document.cookie = `${name}=probe.token.value; Path=/; Secure; SameSite=Strict; Max-Age=60`;
      return { cookie: document.cookie, secureContext: isSecureContext };
    }, TOKEN_COOKIE_NAME);
    expect(stored).toEqual({ cookie: `${TOKEN_COOKIE_NAME}=probe.token.value`, secureContext: true });
    await page.evaluate(() => fetch('/echo'));
    expect(thirdParty.log.at(-1)).toMatchObject({ path: '/echo', cookie: `${TOKEN_COOKIE_NAME}=probe.token.value` });
    await context.close();
  });
});

// The first page's renewal is a real timer at 80 % of the token's lifetime: the tests above this one use contexts of
// their own and run while it counts down, so its wait mostly overlaps with them instead of adding to the file.
describe('the MLflow login in Chromium, once its token is due for renewal', () => {
  it('renews the token with the refresh token before it expires, without reloading the page', async () => {
    // A renewal during this test (the first, or the next if the tests above took longer than the timer): the tests
    // below then start a whole renewal period before the timer fires again.
    const before = renewals();
    const held = (await storedUser(page))?.id_token ?? '';
    // The issuer counts the grant when the request arrives; the page stores the new token when the answer does.
    const renewedAndStored = async () => renewals() > before && ((await storedUser(page))?.id_token ?? held) !== held;
    await timed('wait for the renewal', () => expect.poll(renewedAndStored, { timeout: (ID_TOKEN_SECONDS + 5) * 1000, interval: 100 }).toBe(true));
    const renewed = (await storedUser(page))?.id_token ?? '';
    expect(renewed).not.toBe(firstToken);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const status = await page.evaluate(() => fetch('ajax-api/2.0/mlflow/experiments/search', { method: 'POST', body: '{}' }).then((r) => r.status));
    expect(status).toBe(200);
    expect(gateway.log.at(-1)?.token).toBe(tokenId((await storedUser(page))?.id_token ?? ''));
    expect((await context.cookies(base)).find((c) => c.name === TOKEN_COOKIE_NAME)?.value).toBe((await storedUser(page))?.id_token);
  });

  it('after a 401 renews once and retries once, for fetch and for XMLHttpRequest', async () => {
    for (const via of ['fetch', 'xhr'] as const) {
      const refused = (await storedUser(page))?.id_token ?? '';
      gateway.rejected.add(refused);
      const refreshes = issuer.grants.length;
      const before = gateway.log.length;
      const result = await page.evaluate(async (how) => {
        const app = (window as unknown as { app: Record<string, (...args: unknown[]) => Promise<{ status: number; completions?: number[] }>> }).app;
        return how === 'fetch'
          ? app['fetchJson']?.('ajax-api/2.0/mlflow/runs/search', { method: 'POST', body: '{"filter":"x"}' })
          : app['xhr']?.('POST', 'ajax-api/2.0/mlflow/runs/search', '{"filter":"x"}');
      }, via);
      expect(result?.status).toBe(200);
      if (via === 'xhr') expect(result?.completions).toEqual([200]);
      const attempts = gateway.log.slice(before).filter((c) => c.operation === 'SearchRuns');
      expect(attempts.map((a) => [a.status, a.token === tokenId(refused)])).toEqual([
        [401, true],
        [200, false],
      ]);
      expect(issuer.grants.slice(refreshes)).toEqual(['refresh_token']);
    }
  });

  it('signs out from the visible control: the refresh token is revoked, the cookie and storage cleared, the issuer asks again', async () => {
    const user = await storedUser(page);
    await timed('sign-out round trip', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.href.startsWith(`${issuer.issuer}/session/end`));
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      // Back on the UI, nobody is signed in: straight to the issuer's login page, which asks for credentials again.
      await page.waitForURL((url) => url.href.startsWith(`${issuer.issuer}/interaction/`));
    });
    expect(await page.locator('input[name=login]').isVisible()).toBe(true);
    expect(issuer.requests).toContain('POST /token/revocation 200');
    expect((await context.cookies(base)).filter((c) => c.name === TOKEN_COOKIE_NAME)).toEqual([]);
    const refresh = await fetch(`${issuer.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: user?.refresh_token ?? '', client_id: CLIENT_ID }) });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    await context.close();
  });
});
