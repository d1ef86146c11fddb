// End to end in headless Debian Chromium with the real UI login: local mode serves the stand-in MLflow UI (an
// MLflow-shaped build whose app calls the API as MLflow's UI does) with ui-patch's login script injected by
// ui-patch's own injector, as the deployed image is built. Each demo user signs in at the local OIDC provider
// through the injected script; the app's reads and writes go through the gateway and the real authorizer bundle; a
// logged image loads through the __Host-mlflow-token cookie; signing out ends the session. Expectations come from
// permissions.yaml (authz-core's decision), under both authorizer cache keyings. Needs Debian's chromium (.ci/run
// installs it): without it every test here fails.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInUi } from '../src/ui/stand-in-ui.js';
import { prepareStandInUi } from '../src/ui/stand-in-ui.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode, testUiPatchDist } from './harness.js';
import { referenceDecider } from './reference.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const COOKIE = '__Host-mlflow-token';
const IMAGE_PATH = 'get-artifact?path=plots%2Floss.svg&run_uuid=a1b2c3d4e5f60718293a4b5c6d7e8f90';
// The app's buttons: the call each makes (stand-in-app.js), for the reference decision.
const CALLS = {
  read: { method: 'GET', path: '/ajax-api/2.0/mlflow/experiments/get', operation: 'GetExperiment' },
  write: { method: 'POST', path: '/ajax-api/2.0/mlflow/experiments/create', operation: 'CreateExperiment' },
  register: { method: 'POST', path: '/ajax-api/2.0/mlflow/registered-models/create', operation: 'CreateRegisteredModel' },
} as const;

const reference = referenceDecider();
let browser: Browser;
const timings: Record<string, number[]> = {};

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    (timings[name] ??= []).push(Math.round(performance.now() - start));
  }
}

// Without Chromium every test below fails with this (a failing beforeAll would only mark them skipped).
const missing = existsSync(CHROMIUM) ? undefined : `The browser end-to-end test needs Chromium at ${CHROMIUM}: apt-get install -y chromium (as .ci/run does), or set CHROMIUM_PATH.`;
function needChromium(): void {
  if (missing !== undefined) throw new Error(missing);
}

beforeAll(async () => {
  if (missing !== undefined) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // launch() starts Chromium with a fresh temporary profile of its own (its --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  console.log(`browser e2e timings (ms): ${JSON.stringify(timings)}`);
  await browser?.close();
});

/** Opens the UI at `base` in a fresh context: ui-patch sends the browser to the provider, where `username` signs in. */
async function signIn(local: TestLocalMode, base: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  needChromium();
  const password = local.mode.users.find((u) => u.username === username)?.password ?? '';
  const context = await browser.newContext();
  const page = await context.newPage();
  await timed('sign-in round trip', async () => {
    await page.goto(base);
    await page.waitForURL((url) => url.href.startsWith(`${local.mode.oidc.issuer}/interaction/`));
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('button[type="submit"]');
    // Back at the UI with code and state already removed from the address, and the app loaded.
    await page.waitForURL(base);
    await page.waitForSelector('#root[data-loaded="true"]');
  });
  return { context, page };
}

/** Clicks the app's button `call` and resolves with the line it wrote: status and text. */
async function click(page: Page, call: string): Promise<{ status: string; text: string }> {
  const seq = (await page.locator('#results li').count()) + 1;
  await page.click(`button[data-call="${call}"]`);
  const line = page.locator(`#results li[data-seq="${seq}"]`);
  await line.waitFor();
  expect(await line.getAttribute('data-call')).toBe(call);
  return { status: (await line.getAttribute('data-status')) ?? '', text: (await line.textContent()) ?? '' };
}

const loadCalls = (page: Page) => page.locator('#results li').evaluateAll((lines) => lines.map((l) => `${l.getAttribute('data-operation')} ${l.getAttribute('data-status')}`));
const toasts = (page: Page) => page.locator('#mlflow-login-toasts .toast').allTextContents();

/** What the gateway must answer the app's call `call` for `username`, by permissions.yaml. */
function expectedStatus(local: TestLocalMode, username: string, call: keyof typeof CALLS): '200' | '403' {
  const role = local.mode.users.find((u) => u.username === username)?.role ?? '';
  const decision = reference([role], CALLS[call].method, CALLS[call].path);
  expect(decision.operation).toBe(CALLS[call].operation);
  return decision.effect === 'allow' ? '200' : '403';
}

/** The whole flow for one demo user: sign in, read, write, register, the image through the cookie, sign out. */
async function userFlow(local: TestLocalMode, base: string, username: string): Promise<void> {
  const { context, page } = await signIn(local, base, username);
  try {
    // What the app called as it loaded, as every MLflow page does: the server's capabilities, the experiment list.
    expect(await loadCalls(page)).toEqual(['get_server_info 200', 'SearchExperiments 200']);
    const read = await click(page, 'read');
    expect(read).toEqual({ status: expectedStatus(local, username, 'read'), text: 'GetExperiment: 200 (reached GetExperiment)' });
    for (const call of ['write', 'register'] as const) {
      const expected = expectedStatus(local, username, call);
      const answer = await click(page, call);
      expect(answer.status).toBe(expected);
      const denial = `Permission denied: POST ${CALLS[call].path.slice(1)}. Your MLflow role does not allow this operation.`;
      if (expected === '403') {
        // The authorizer denies explicitly: its policy names exactly this request with Effect Deny.
        expect(answer.text).toBe(`${CALLS[call].operation}: 403 (User is not authorized to access this resource with an explicit deny)`);
        await expect.poll(() => toasts(page)).toContain(denial);
      } else {
        expect(answer.text).toBe(`${CALLS[call].operation}: 200 (reached ${CALLS[call].operation})`);
        expect(await toasts(page)).not.toContain(denial);
      }
    }

    // The logged image: an <img> carries no Authorization header, only the cookie the login keeps.
    const cookie = (await context.cookies(base)).find((c) => c.name === COOKIE);
    expect(cookie).toMatchObject({ path: '/', secure: true, sameSite: 'Strict', httpOnly: false });
    expect(await click(page, 'image')).toEqual({ status: 'loaded', text: 'serve_artifacts: loaded (240×60)' });
    const imageLog = local.accessLog.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['operation'] === 'serve_artifacts').at(-1);
    expect(imageLog).toMatchObject({ status: 200, surface: 'browser', decision: 'allow' });

    // Sign out from ui-patch's control, confirm at the provider: the provider's session ends (the UI asks for a
    // password again), the refresh token is revoked, the cookie is gone, so the image no longer loads.
    const refreshToken = await page.evaluate<string | undefined>("JSON.parse(sessionStorage.getItem('mlflow-login:user') ?? '{}').refresh_token");
    expect(refreshToken).toEqual(expect.any(String));
    await timed('sign-out round trip', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.href.startsWith(`${local.mode.oidc.issuer}/session/end`));
      await page.click('button[name="logout"]');
      await page.waitForURL((url) => url.href.startsWith(`${local.mode.oidc.issuer}/interaction/`));
    });
    expect(await page.locator('input[name="password"]').isVisible()).toBe(true);
    expect((await context.cookies(base)).filter((c) => c.name === COOKIE)).toEqual([]);
    const refresh = await fetch(`${local.mode.oidc.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken ?? '', client_id: local.mode.clientId }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    const image = await context.request.get(`${base}${IMAGE_PATH}`, { headers: { accept: 'image/*' } });
    expect(image.status()).toBe(401);
  } finally {
    await context.close();
  }
}

it(`has Chromium at ${CHROMIUM}`, () => needChromium());

describe('the stand-in MLflow UI with the injected login, as npm run local serves it', () => {
  let local: TestLocalMode;

  beforeAll(async () => {
    local = await startTestLocalMode({ standInUi: true });
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  it('serves an injected build: the login script before the app bundle, as ui-patch injects MLflow\'s', async () => {
    expect(local.mode.ui.kind).toBe('stand-in');
    const page = await local.browser(undefined, 'GET', '/');
    expect(page.text).toMatch(/^<!doctype html><html lang="en"><head>.*<!-- mlflow-login:begin --><script src="static-files\/static\/js\/mlflow-login\.[0-9a-f]{10}\.js"><\/script><!-- mlflow-login:end --><script defer="defer" src="static-files\/static\/js\/main\.[0-9a-f]{8}\.js"><\/script>/);
    expect(page.text.split('\n')).toHaveLength(1);
  });

  it('has users whose writes the flows below see both allowed and denied (the test is not vacuous)', () => {
    const writes = local.mode.users.map((u) => expectedStatus(local, u.username, 'write'));
    expect(writes).toContain('200');
    expect(writes).toContain('403');
  });

  it.each(['readers', 'model-approvers', 'admins'])('%s: signs in, reads, writes as permitted (a 403 with its toast otherwise), loads an image through the cookie, signs out', async (username) => {
    expect(local.mode.users.map((u) => u.username)).toContain(username);
    await userFlow(local, local.mode.baseUrl, username);
  }, 90_000);

  it('works the same at http://localhost (a secure context too, so the __Host- cookie is kept)', async () => {
    await userFlow(local, `http://localhost:${local.mode.port}/${local.mode.api.stage}/`, 'readers');
  }, 90_000);

  it('refuses a wrong password on the provider\'s form and stays there', async () => {
    needChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(local.mode.baseUrl);
      await page.waitForURL((url) => url.href.startsWith(`${local.mode.oidc.issuer}/interaction/`));
      await page.fill('input[name="username"]', 'admins');
      await page.fill('input[name="password"]', 'not-the-password');
      await page.click('button[type="submit"]');
      await page.waitForSelector('[role="alert"]');
      expect(await page.textContent('[role="alert"]')).toBe('Wrong user name or password.');
      expect(new URL(page.url()).origin).toBe(local.mode.oidc.issuer);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('the same UI served with --ui-dir', () => {
  let local: TestLocalMode;
  let ui: StandInUi;

  beforeAll(async () => {
    ui = await prepareStandInUi(PROJECT_ROOT, await testUiPatchDist());
    local = await startTestLocalMode({ uiFolder: ui.folder });
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
    await ui?.remove();
  });

  it.each(['readers', 'admins'])('%s: the same flow', async (username) => {
    expect(local.mode.ui).toEqual({ kind: 'folder', folder: ui.folder });
    await userFlow(local, local.mode.baseUrl, username);
  }, 90_000);
});
