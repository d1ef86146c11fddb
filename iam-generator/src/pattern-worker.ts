// A worker thread of workerPool (pattern-parts.ts): builds the parts of each job it is sent and posts them back.
import { parentPort, workerData } from 'node:worker_threads';
import type { PartCacheLocation } from './part-cache.js';
import type { PartsJob } from './pattern-parts.js';
import { computeParts } from './pattern-parts.js';

if (parentPort === null) throw new Error('pattern-worker.ts runs as a worker thread only');
const port = parentPort;
const cache = workerData as PartCacheLocation | undefined;
port.on('message', (job: PartsJob) => port.postMessage(computeParts(job, cache ?? undefined)));
