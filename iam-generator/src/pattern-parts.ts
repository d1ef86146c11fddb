import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MethodPart } from '@mlflow-authz/core';
import { buildMethodPart, CATALOGUE, methodPartKey, UnsoundPatternsError } from '@mlflow-authz/core';
import type { PartCacheLocation } from './part-cache.js';
import { PartCache } from './part-cache.js';

export type { PartCacheLocation } from './part-cache.js';

/** One method's parts for several distinct sets of granted operations: the unit of work handed to a thread. */
export interface PartsJob {
  readonly method: string;
  readonly grants: readonly (readonly string[])[];
}

/** A part, or why none could be proven (the message of authz-core's UnsoundPatternsError). */
export type PartOutcome = { readonly ok: true; readonly part: MethodPart } | { readonly ok: false; readonly message: string };

/** Runs jobs; resolves with, per job, the outcome for each of its grant sets (in order). Rejects only on a bug. */
export type PartsRunner = (jobs: readonly PartsJob[]) => Promise<PartOutcome[][]>;

/** A runner that keeps proven parts in `cache` between runs. */
export function cachedInThread(cache: PartCacheLocation): PartsRunner {
  return (jobs) => inThread(jobs, cache);
}

const CACHES = new Map<string, PartCache>();

/** The cache at `location`, opened once per thread. */
function openCache(location: PartCacheLocation | undefined): PartCache | undefined {
  if (location === undefined) return undefined;
  let cache = CACHES.get(location.dir);
  if (cache === undefined) CACHES.set(location.dir, (cache = new PartCache(location)));
  return cache;
}

/** The IAM-surface parts of one job, in this thread (failing closed on collisions), reusing parts `cache` holds. */
export function computeParts(job: PartsJob, cache?: PartCacheLocation): PartOutcome[] {
  const parts = openCache(cache);
  return job.grants.map((granted): PartOutcome => {
    const request = { surface: 'iam' as const, granted: new Set(granted) };
    const key = parts === undefined ? undefined : methodPartKey(CATALOGUE, request, job.method);
    const known = key === undefined ? undefined : parts?.get(key);
    if (known !== undefined) return { ok: true, part: known };
    try {
      const part = buildMethodPart(CATALOGUE, request, job.method, { collisions: 'fail-closed' });
      if (key !== undefined) parts?.set(key, part);
      return { ok: true, part };
    } catch (error) {
      if (error instanceof UnsoundPatternsError) return { ok: false, message: error.message };
      throw error;
    }
  });
}

/** Every job in this thread, one after the other (reusing parts `cache` holds, when given). */
export function inThread(jobs: readonly PartsJob[], cache?: PartCacheLocation): Promise<PartOutcome[][]> {
  return Promise.resolve(jobs.map((job) => computeParts(job, cache)));
}

/** Where the worker module is, and whether it is TypeScript source (loaded through tsx) or plain JavaScript (a bundle). */
export interface WorkerScript {
  readonly url: URL;
  readonly typescript?: boolean;
}

// A worker thread inherits no module hooks, and Node 20 does not take `--import` per worker: a TypeScript worker
// starts as a line of script that registers tsx's ESM hooks, then imports the module. `workerData` is the cache.
function startWorker(script: WorkerScript, cache: PartCacheLocation | undefined): Worker {
  if (script.typescript !== true) return new Worker(script.url, { workerData: cache });
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, '') + (manifest.exports['./esm/api']?.import.default ?? '')).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.url.href)}); });`, { eval: true, workerData: cache });
}

/**
 * Jobs spread over worker threads (at most one per core and per job), each taking the next job when it is
 * done, largest first. Jobs are whole methods: a part is memoized per thread, so a thread that builds every
 * role's GET part explores GET's routes once. With one core, or one job, it runs in this thread instead.
 * `cache`: proven parts kept on disk between runs (part-cache.ts).
 */
export function workerPool(script: WorkerScript, threads = availableParallelism(), cache?: PartCacheLocation): PartsRunner {
  return async (all) => {
    // Parts proven by earlier runs come from the cache here; only the rest go to threads (none: no thread starts).
    const known = all.map((job) => job.grants.map((granted) => cachedPart(cache, job.method, granted)));
    const jobs = all.map((job, i) => ({ method: job.method, grants: job.grants.filter((_, k) => known[i]?.[k] === undefined) })).filter((job) => job.grants.length > 0);
    const built = await runJobs(script, threads, cache, jobs);
    return all.map((job, i) => {
      const fresh = built[jobs.findIndex((j) => j.method === job.method)] ?? [];
      let next = 0;
      return job.grants.map((_, k) => known[i]?.[k] ?? (fresh[next++] as PartOutcome));
    });
  };
}

function cachedPart(cache: PartCacheLocation | undefined, method: string, granted: readonly string[]): PartOutcome | undefined {
  const part = openCache(cache)?.get(methodPartKey(CATALOGUE, { surface: 'iam', granted: new Set(granted) }, method));
  return part === undefined ? undefined : { ok: true, part };
}

async function runJobs(script: WorkerScript, threads: number, cache: PartCacheLocation | undefined, jobs: readonly PartsJob[]): Promise<PartOutcome[][]> {
  const count = Math.min(threads, jobs.length);
  if (count <= 1) return inThread(jobs, cache);
  const results: PartOutcome[][] = new Array(jobs.length);
  // Largest first: a method's cost grows with its routes and with how many distinct grant sets it has.
  const order = jobs.map((job, i) => ({ i, cost: job.grants.length * (JOB_WEIGHT[job.method] ?? 1) })).sort((a, b) => b.cost - a.cost).map((j) => j.i);
  const workers = Array.from({ length: count }, () => startWorker(script, cache));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const next = (): void => {
              current = order.shift() ?? -1;
              if (current < 0) resolve();
              else worker.postMessage(jobs[current]);
            };
            worker.on('message', (outcomes: PartOutcome[]) => {
              results[current] = outcomes;
              next();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (current >= 0) reject(new Error(`pattern worker exited with code ${code} during ${jobs[current]?.method}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

// Relative cost of a method's parts, measured on the default and synthetic role files (GET and POST have the
// most routes and the most overlapping templates).
const JOB_WEIGHT: Readonly<Record<string, number>> = { GET: 8, POST: 8, HEAD: 4, DELETE: 2, PATCH: 1, PUT: 0.2 };
