#!/usr/bin/env node
// `npm run generate [-- --strict] [--file F] [--root DIR]`: compile permissions.yaml and write generated/ as a whole
// (scripts/generate-pipeline.ts). `npm run generate -- --check`: is generated/ current? Answered here, in plain
// Node, from the hashes generated/manifest.json records — of permissions.yaml, of every generator source and of
// every generated file — without compiling or proving anything; `--check --full` regenerates in memory instead.
//
// The pipeline is TypeScript; it runs from an esbuild bundle kept in node_modules/.cache/ and rebuilt whenever a
// file it was built from changes (loading ~150 modules through tsx costs more than a second, the bundle a tenth).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The hash check itself, shared with local mode (which refuses to serve a stale generated/).
import { generatedStaleness } from '@mlflow-authz/core/generated-check';

const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
const CACHE_DIR = join(PROJECT_DIR, 'node_modules', '.cache', 'mlflow-authz-generate');
const ENTRIES = { 'generate-pipeline': 'scripts/generate-pipeline.ts', 'pattern-worker': 'iam-generator/src/pattern-worker.ts' };

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const readOrUndefined = (path) => readFile(path).catch(() => undefined);

// `npm run generate | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 2));

const args = process.argv.slice(2);
try {
  if (args.includes('--check') && !args.includes('--full')) {
    process.exitCode = await check(args);
  } else {
    const pipeline = await pipelineBundle();
    const { main } = await import(pathToFileURL(pipeline).href);
    process.exitCode = await main(args, PROJECT_DIR);
  }
} catch (error) {
  // Not something a permissions file can cause (the pipeline reports those itself): a broken install or source.
  console.error(`error: internal error: ${error instanceof Error ? error.message : String(error)}${process.env.AUTHZ_DEBUG ? `\n${error?.stack ?? ''}` : ' (AUTHZ_DEBUG=1 shows the stack)'}`);
  process.exitCode = 2;
}

/** The fast `--check`: 0 when generated/ is what the recorded inputs and generator produce, 1 (naming why) when not. */
async function check(argv) {
  const flag = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check' || argv[i] === '--strict') continue;
    if ((argv[i] === '--file' || argv[i] === '--root') && argv[i + 1] !== undefined) i++;
    else {
      console.error(`error: unexpected argument ${JSON.stringify(argv[i])}\nusage: npm run generate -- --check [--file permissions.yaml] [--root DIR] [--full]`);
      return 2;
    }
  }
  const root = resolve(flag('--root') ?? PROJECT_DIR);
  const file = flag('--file') ?? join(root, 'permissions.yaml');
  const near = relative(process.cwd(), file);
  const shown = near === '' || near.startsWith('..') ? file : near;
  const { manifest, stale } = await generatedStaleness({ root, projectDir: PROJECT_DIR, permissionsFile: file, shownFile: shown });
  for (const reason of stale) console.error(`error: stale: ${reason}; run npm run generate`);
  if (stale.length === 0) console.log(`generated/ matches ${shown} (policy version ${manifest.policyVersion}; checked by hash)`);
  return stale.length === 0 ? 0 : 1;
}

/** The bundled pipeline, rebuilt when any file it was built from (sources and packages alike) has changed. */
async function pipelineBundle() {
  const pipeline = join(CACHE_DIR, 'generate-pipeline.mjs');
  const recorded = await readOrUndefined(join(CACHE_DIR, 'inputs.json'));
  if (recorded !== undefined && (await unchanged(JSON.parse(recorded.toString('utf8'))))) return pipeline;
  const { build } = await import('esbuild');
  const staging = `${CACHE_DIR}.staging-${process.pid}`;
  const result = await build({
    absWorkingDir: PROJECT_DIR,
    entryPoints: ENTRIES,
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Packages written as CommonJS call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) inputs[path] = sha256(await readFile(join(PROJECT_DIR, path)));
  await writeFile(join(staging, 'inputs.json'), JSON.stringify(inputs));
  await mkdir(dirname(CACHE_DIR), { recursive: true });
  const old = `${CACHE_DIR}.old-${process.pid}`;
  await rename(CACHE_DIR, old).catch(() => {});
  // Another run may have put its own bundle there meanwhile: then this run uses the one it built.
  const placed = await rename(staging, CACHE_DIR).then(() => true, () => false);
  await rm(old, { recursive: true, force: true });
  return placed ? pipeline : join(staging, 'generate-pipeline.mjs');
}

async function unchanged(inputs) {
  for (const [path, hash] of Object.entries(inputs)) {
    const bytes = await readOrUndefined(join(PROJECT_DIR, path));
    if (bytes === undefined || sha256(bytes) !== hash) return false;
  }
  return true;
}
