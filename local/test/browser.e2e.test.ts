// End to end in headless Chromium: each demo user signs in at the local OIDC provider from the stand-in's UI shell
// (authorization code + PKCE in the page, no ui-patch), then a read, a write and a cookie-only artifact read go
// through the gateway and the real authorizer. Needs Debian's chromium (.ci/run installs it).
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
let local: TestLocalMode;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
  local = await startTestLocalMode();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // launch() starts Chromium with a fresh temporary profile of its own (its --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

/** Signs `username` in from the UI shell at `base`; resolves with the page, signed in. */
async function signIn(base: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#login');
  await page.waitForSelector('input[name="username"]');
  expect(new URL(page.url()).origin).toBe(local.mode.oidc.issuer);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForFunction(`document.getElementById('who').textContent.includes(${JSON.stringify(`Signed in as ${username}`)})`);
  expect(page.url()).toBe(base);
  return page;
}

/** Clicks `button` and waits for the log line it writes. */
async function outcome(page: Page, button: string): Promise<string> {
  const before = (await page.textContent('#log')) ?? '';
  await page.click(`#${button}`);
  await page.waitForFunction(`document.getElementById('log').textContent.length > ${before.length}`);
  const lines = ((await page.textContent('#log')) ?? '').trim().split('\n');
  return lines[lines.length - 1] as string;
}

describe('signing in from the browser as each demo user', () => {
  const expectations: Record<string, { write: string }> = {
    readers: { write: 'write: 403 (User is not authorized to access this resource)' },
    'model-approvers': { write: 'write: 403 (User is not authorized to access this resource)' },
    admins: { write: 'write: 200 CreateExperiment' },
  };

  for (const [username, { write }] of Object.entries(expectations)) {
    it(`${username}: the read succeeds, the write is ${write.slice(7, 10)}, the artifact loads through the cookie`, async () => {
      const user = local.mode.users.find((u) => u.username === username);
      const page = await signIn(local.mode.baseUrl, username, user?.password ?? '');
      try {
        expect(await outcome(page, 'read')).toBe('read: 200 GetExperiment');
        expect(await outcome(page, 'write')).toBe(write);
        expect(await outcome(page, 'artifact')).toBe('artifact: 200 serve_artifacts');
        const cookies = await page.context().cookies();
        expect(cookies.find((c) => c.name === '__Host-mlflow-token')).toMatchObject({ secure: true, path: '/', sameSite: 'Strict' });
        expect(await outcome(page, 'logout')).toBe('signed out');
        expect(await outcome(page, 'read')).toBe('read: 401 (Unauthorized)');
        expect(await outcome(page, 'artifact')).toBe('artifact: 401 (Unauthorized)');
      } finally {
        await page.context().close();
      }
    }, 60_000);
  }

  it('works the same at http://localhost (a secure context too, so the __Host- cookie is kept)', async () => {
    const base = `http://localhost:${local.mode.port}/${local.mode.api.stage}/`;
    const user = local.mode.users.find((u) => u.username === 'readers');
    const page = await signIn(base, 'readers', user?.password ?? '');
    try {
      expect(await outcome(page, 'read')).toBe('read: 200 GetExperiment');
      expect(await outcome(page, 'artifact')).toBe('artifact: 200 serve_artifacts');
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('refuses a wrong password on the login form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(local.mode.baseUrl);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#login');
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
