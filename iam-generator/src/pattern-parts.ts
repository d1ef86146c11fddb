import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MethodPart } from '@mlflow-authz/core';
import { buildMethodPart, CATALOGUE, UnsoundPatternsError } from '@mlflow-authz/core';

/** One method's parts for several distinct sets of granted operations: the unit of work handed to a thread. */
export interface PartsJob {
  readonly method: string;
  readonly grants: readonly (readonly string[])[];
}

/** A part, or why none could be proven (the message of authz-core's UnsoundPatternsError). */
export type PartOutcome = { readonly ok: true; readonly part: MethodPart } | { readonly ok: false; readonly message: string };

/** Runs jobs; resolves with, per job, the outcome for each of its grant sets (in order). Rejects only on a bug. */
export type PartsRunner = (jobs: readonly PartsJob[]) => Promise<PartOutcome[][]>;

/** The IAM-surface parts of one job, in this thread (failing closed on collisions). */
export function computeParts(job: PartsJob): PartOutcome[] {
  return job.grants.map((granted): PartOutcome => {
    try {
      return { ok: true, part: buildMethodPart(CATALOGUE, { surface: 'iam', granted: new Set(granted) }, job.method, { collisions: 'fail-closed' }) };
    } catch (error) {
      if (error instanceof UnsoundPatternsError) return { ok: false, message: error.message };
      throw error;
    }
  });
}

/** Every job in this thread, one after the other. */
export const inThread: PartsRunner = async (jobs) => jobs.map(computeParts);

/** Where the worker module is, and whether it is TypeScript source (loaded through tsx) or plain JavaScript (a bundle). */
export interface WorkerScript {
  readonly url: URL;
  readonly typescript?: boolean;
}

// A worker thread inherits no module hooks, and Node 20 does not take `--import` per worker: a TypeScript worker
// starts as a line of script that registers tsx's ESM hooks, then imports the module.
function startWorker(script: WorkerScript): Worker {
  if (script.typescript !== true) return new Worker(script.url);
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, '') + (manifest.exports['./esm/api']?.import.default ?? '')).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.url.href)}); });`, { eval: true });
}

/**
 * Jobs spread over worker threads (at most one per core and per job), each taking the next job when it is
 * done, largest first. Jobs are whole methods: a part is memoized per thread, so a thread that builds every
 * role's GET part explores GET's routes once. With one core, or one job, it runs in this thread instead.
 */
export function workerPool(script: WorkerScript, threads = availableParallelism()): PartsRunner {
  return async (jobs) => {
    const count = Math.min(threads, jobs.length);
    if (count <= 1) return inThread(jobs);
    const results: PartOutcome[][] = new Array(jobs.length);
    // Largest first: a method's cost grows with its routes and with how many distinct grant sets it has.
    const order = jobs.map((job, i) => ({ i, cost: job.grants.length * (JOB_WEIGHT[job.method] ?? 1) })).sort((a, b) => b.cost - a.cost).map((j) => j.i);
    const workers = Array.from({ length: count }, () => startWorker(script));
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
  };
}

// Relative cost of a method's parts, measured on the default and synthetic role files (GET and POST have the
// most routes and the most overlapping templates).
const JOB_WEIGHT: Readonly<Record<string, number>> = { GET: 8, POST: 8, HEAD: 4, DELETE: 2, PATCH: 1, PUT: 0.2 };
