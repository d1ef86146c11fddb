// Builds ui-patch's two artifacts into dist/ (git-ignored):
//   dist/mlflow-login.js     the browser script (one minified IIFE: oidc-client-ts + the wrappers + the login UI)
//   dist/inject-login.mjs    the injector CLI as one self-contained Node ES module (no node_modules needed)
// Run: npm run build -w @mlflow-authz/ui-patch   (or npx tsx ui-patch/build/build.ts [outdir])
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Where the build writes by default. */
export const DIST_DIR = join(PACKAGE_DIR, 'dist');
/** The browser bundle's file name in dist/. */
export const BROWSER_BUNDLE = 'mlflow-login.js';
/** The injector's file name in dist/. */
export const INJECTOR = 'inject-login.mjs';

/** What was built: paths, the browser bundle's size (minified and gzip -9) and esbuild's account of its inputs. */
export interface BuildResult {
  readonly browserBundle: string;
  readonly injector: string;
  readonly browserBytes: number;
  readonly browserGzipBytes: number;
  readonly browserMetafile: Metafile;
}

/** Builds both artifacts into `outdir`. */
export async function buildUiPatch(outdir: string = DIST_DIR): Promise<BuildResult> {
  const browserBundle = join(outdir, BROWSER_BUNDLE);
  const injector = join(outdir, INJECTOR);
  const browser = await build({
    entryPoints: [join(PACKAGE_DIR, 'src', 'browser', 'main.ts')],
    outfile: browserBundle,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    // The browsers MLflow's UI itself needs (class fields and private members run natively, smaller code).
    target: ['es2022', 'chrome100', 'firefox100', 'safari15.4', 'edge100'],
    minify: true,
    legalComments: 'eof',
    banner: { js: '/* mlflow-login (ui-patch, Apache-2.0); bundles oidc-client-ts (Apache-2.0) and jwt-decode (MIT). */' },
    // authz-core's index also re-exports its Node-only parts; the browser takes the cookie's name alone, and the
    // rest is dropped (authz-core has no side effects). The check below proves that nothing else came along.
    external: ['node:*'],
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.entries(Object.values(browser.metafile.outputs)[0]?.inputs ?? {}).filter(([, used]) => used.bytesInOutput > 0);
  const strays = inputs.map(([input]) => input).filter((input) => /authz-core\/(?!src\/catalogue\/data\/browser-token-cookie\.ts$)|node_modules\/(?!oidc-client-ts\/|jwt-decode\/)/.test(input));
  if (strays.length > 0) throw new Error(`the browser bundle took in more than it should: ${strays.join(', ')}`);
  await build({
    entryPoints: [join(PACKAGE_DIR, 'src', 'inject', 'bin.ts')],
    outfile: injector,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  const bytes = await readFile(browserBundle);
  return { browserBundle, injector, browserBytes: bytes.length, browserGzipBytes: gzipSync(bytes, { level: 9 }).length, browserMetafile: browser.metafile };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildUiPatch(process.argv[2] === undefined ? DIST_DIR : resolve(process.argv[2]));
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${result.browserBundle}: ${kib(result.browserBytes)} minified, ${kib(result.browserGzipBytes)} gzip`);
  console.log(`${result.injector}`);
}
