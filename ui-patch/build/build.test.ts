import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMlflowBuild } from '../test/support/mlflow-build.js';
import type { BuildResult } from './build.js';
import { BROWSER_BUNDLE, buildUiPatch, INJECTOR } from './build.js';

/** The page may grow by at most this much for the login (issue 13). */
const BUDGET_BYTES = 60 * 1024;

let out: string;
let built: BuildResult;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'ui-patch-build-'));
  built = await buildUiPatch(out);
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the ui-patch build', () => {
  it(`keeps the browser script within ${BUDGET_BYTES} bytes minified`, () => {
    console.log(`mlflow-login.js: ${built.browserBytes} bytes minified, ${built.browserGzipBytes} bytes gzip -9`);
    expect(built.browserBytes).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(built.browserGzipBytes).toBeLessThan(built.browserBytes);
  });

  it('is one classic script that touches no module system and names its licences', async () => {
    const code = await readFile(join(out, BROWSER_BUNDLE), 'utf8');
    expect(code).toMatch(/^\/\* mlflow-login .*oidc-client-ts \(Apache-2\.0\).*jwt-decode \(MIT\)/);
    expect(code).not.toMatch(/\brequire\(|\bimport\(|^import |node:/m);
  });

  it('gives an injector that runs with plain node, away from any node_modules', async () => {
    const alone = await mkdtemp(join(tmpdir(), 'inject-alone-'));
    try {
      await copyFile(join(out, INJECTOR), join(alone, INJECTOR));
      await copyFile(join(out, BROWSER_BUNDLE), join(alone, BROWSER_BUNDLE));
      await writeMlflowBuild(join(alone, 'build'), 'console.log("app")');
      const { stdout } = await promisify(execFile)(process.execPath, [INJECTOR, 'build', '--bundle', BROWSER_BUNDLE], { cwd: alone });
      expect(stdout).toMatch(/^inject-login: build\/index\.html now loads static-files\/static\/js\/mlflow-login\.[0-9a-f]{10}\.js/);
      const failed = await promisify(execFile)(process.execPath, [INJECTOR, 'missing'], { cwd: alone }).catch((error: { code: number; stderr: string }) => error);
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('inject-login: missing has no index.html') });
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  });
});
