// `npm run generate` (scripts/generate.mjs loads this, bundled): the composition root of the generate pipeline.
// authz-core runs it and plans its own files; the stages of the packages downstream of it plug in here, the one
// place that may depend on all of them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateOptions } from '@mlflow-authz/core/stage';
import { consoleOutput, runGenerate } from '@mlflow-authz/core/stage';
import type { PartCacheLocation } from '@mlflow-authz/iam/pattern-parts';
import { workerPool } from '@mlflow-authz/iam/pattern-parts';
import { iamStage } from '@mlflow-authz/iam/stage';

/** The modules the generator starts from: manifest.json hashes every project file they load. */
export const GENERATOR_ENTRIES = ['scripts/generate-pipeline.ts', 'iam-generator/src/pattern-worker.ts'] as const;

/** The project root (this file's parent folder's parent). */
export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));

// Bundled (scripts/generate.mjs) the worker is the bundle beside this one; run from source, tsx loads it.
const bundled = import.meta.url.endsWith('.mjs');
const worker = bundled
  ? { url: new URL('./pattern-worker.mjs', import.meta.url) }
  : { url: new URL('../iam-generator/src/pattern-worker.ts', import.meta.url), typescript: true };

/**
 * The proven IAM pattern parts kept between runs (bundled only: keyed by the hash of the bundled worker, which
 * holds the builder and the catalogue), in node_modules/.cache/mlflow-authz-parts/.
 */
function partCache(projectDir: string): PartCacheLocation | undefined {
  if (!bundled) return undefined;
  const codeHash = createHash('sha256').update(readFileSync(fileURLToPath(worker.url))).digest('hex');
  return { dir: join(projectDir, 'node_modules', '.cache', 'mlflow-authz-parts'), codeHash };
}

/**
 * The pipeline's options as `npm run generate` uses them (`projectDir`: the repository, where the generator's
 * sources are; `cache`: reuse proven parts of earlier runs).
 */
export function pipelineOptions(projectDir: string = PROJECT_DIR, cache = true): GenerateOptions {
  const runner = workerPool(worker, undefined, cache ? partCache(projectDir) : undefined);
  return { stages: [iamStage(runner)], projectDir, generatorEntries: GENERATOR_ENTRIES };
}

/**
 * Runs `npm run generate` with `argv` (`--no-cache`: prove every part afresh); resolves with the exit code. The
 * bundle is not where the project is: scripts/generate.mjs says where.
 */
export function main(argv: readonly string[], projectDir?: string): Promise<number> {
  const cache = !argv.includes('--no-cache');
  return runGenerate(argv.filter((a) => a !== '--no-cache'), consoleOutput, pipelineOptions(projectDir, cache));
}
