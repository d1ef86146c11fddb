#!/usr/bin/env node
// `npm run local`: runs local/dist/cli.mjs, first bundling it from local/src (esbuild, well under a second) when it
// is missing or older than its sources, so that start-up does not pay for TypeScript transpilation on every run.
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '..', 'dist', 'cli.mjs');
// Its own sources and those of the packages it bundles (authz-core, the authorizer's deployment facts).
const sources = [join(root, 'local', 'src'), join(root, 'authz-core', 'src'), join(root, 'authorizer-lambda', 'src'), join(root, 'local', 'package.json'), join(root, 'package-lock.json')];

async function newest(path) {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|mts|mjs|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return latest;
}

const built = await stat(out).catch(() => undefined);
const latest = Math.max(...(await Promise.all(sources.map(newest))));
if (built === undefined || built.mtimeMs < latest) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'local', 'src', 'cli.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS dependencies (koa's) call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
}
await import(pathToFileURL(out).href);
