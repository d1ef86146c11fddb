// The authorizer's benchmark (`npm run bench`): not a test. Every latency is reported as a ratio to a bare RS256
// verification of the same tokens with node:crypto, measured in the same child process; cold start against a
// fresh Node process that only verifies one token. Absolute numbers are printed for orientation only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { generateTestKey } from '../test/keys.js';
import { methodArnFor } from '../test/events.js';
import { signRs256 } from '../test/tokens.js';
import { bundle } from '../bundle/bundle.js';
import type { WarmResult, WarmWork } from './bench-work.js';
import { BENCH_CLIENT_ID, BENCH_ISSUER, bundleEnvironment } from './bench-work.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const FIRST_SEEN_TOKENS = 4000;
const WARM_UP_TOKENS = 4000;
const COLD_STARTS = 15;
const WARM_RUNS = Number(process.env['BENCH_WARM_RUNS'] ?? 3);
const REQUESTS: [string, string][] = [
  ['GET', '/ajax-api/2.0/mlflow/experiments/get'],
  ['POST', '/ajax-api/2.0/mlflow/runs/search'],
  ['GET', '/ajax-api/2.0/mlflow/metrics/get-history'],
  ['GET', '/get-artifact'],
  ['POST', '/ajax-api/2.0/mlflow/registered-models/search'],
  ['GET', '/ajax-api/2.0/mlflow-artifacts/artifacts/0/1f2e3d/artifacts/plots/loss.png'],
];

const work = mkdtempSync(join(tmpdir(), 'authorizer-bench-'));
try {
  const built = await bundle(join(work, 'index.mjs'));
  const key = generateTestKey('bench-key');
  const now = Math.floor(Date.now() / 1000);
  const claims = (sub: string, groups: string[]) => ({
    sub,
    iss: BENCH_ISSUER,
    aud: BENCH_CLIENT_ID,
    token_use: 'id',
    iat: now,
    auth_time: now,
    exp: now + 3600,
    'cognito:username': sub,
    email: `${sub}@example.com`,
    'cognito:groups': groups,
  });
  const warmWork: WarmWork = {
    bundlePath: built.outfile,
    jwk: key.jwk,
    warmUp: Array.from({ length: WARM_UP_TOKENS }, (_, i) => signRs256(key, claims(`warm-${i}`, ['readers']))),
    firstSeen: Array.from({ length: FIRST_SEEN_TOKENS }, (_, i) => signRs256(key, claims(`user-${i}`, ['readers']))),
    repeated: signRs256(key, claims('repeat-user', ['readers'])),
    roleTokens: Object.fromEntries(['admins', 'readers', 'model-approvers'].map((g) => [g, signRs256(key, claims(`role-${g}`, [g]))])),
    requests: REQUESTS,
  };
  const env = { ...process.env, ...bundleEnvironment(key.jwk) };
  writeFileSync(join(work, 'work.json'), JSON.stringify(warmWork));

  // Warm latency, in a child whose stdout (the decision log) goes to /dev/null; then, for scale only, once more
  // with the decision log switched off (not a production setting: it shows what the log line costs).
  const warmRun = async (logLevel: string): Promise<WarmResult> => {
    const resultFile = join(work, `warm-${logLevel}.json`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'warm-child.ts'), join(work, 'work.json'), resultFile], {
        cwd: ROOT,
        env: { ...env, POWERTOOLS_LOG_LEVEL: logLevel },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`warm child exited with ${code}`))));
    });
    return JSON.parse(readFileSync(resultFile, 'utf8')) as WarmResult;
  };
  // Several children, alternating with and without the log: this machine's speed drifts between seconds, and the
  // spread of the per-run ratios shows by how much.
  const warm: WarmResult[] = [];
  const unlogged: WarmResult[] = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    warm.push(await warmRun('INFO'));
    unlogged.push(await warmRun('WARN'));
  }

  // Cold start: fresh processes importing the bundle and serving one request, against fresh processes that only
  // verify one token, alternated.
  const event = JSON.stringify({
    type: 'REQUEST',
    methodArn: methodArnFor('GET', '/ajax-api/2.0/mlflow/experiments/get'),
    path: '/ajax-api/2.0/mlflow/experiments/get',
    httpMethod: 'GET',
    headers: { Authorization: `Bearer ${warmWork.repeated}` },
    multiValueHeaders: null,
    requestContext: { requestId: 'cold' },
  });
  const coldScript = `
    const t0 = performance.now();
    const { handler } = await import(process.env.BENCH_BUNDLE_URL);
    const t1 = performance.now();
    const result = await handler(JSON.parse(process.env.BENCH_EVENT));
    const t2 = performance.now();
    if (result.policyDocument.Statement.length === 0) process.exit(3);
    process.stderr.write(JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, totalMs: t2 - t0, sinceStartMs: t2 }));`;
  const baselineScript = `
    const t0 = performance.now();
    const { createPublicKey, verify } = await import('node:crypto');
    const key = createPublicKey({ key: JSON.parse(process.env.BENCH_JWK), format: 'jwk' });
    const [h, p, s] = process.env.BENCH_TOKEN.split('.');
    if (!verify('RSA-SHA256', Buffer.from(h + '.' + p), key, Buffer.from(s, 'base64url'))) process.exit(3);
    const t2 = performance.now();
    process.stderr.write(JSON.stringify({ totalMs: t2 - t0, sinceStartMs: t2 }));`;
  const coldEnv = {
    ...env,
    BENCH_BUNDLE_URL: pathToFileURL(built.outfile).href,
    BENCH_EVENT: event,
    BENCH_JWK: JSON.stringify(key.jwk),
    BENCH_TOKEN: warmWork.repeated,
  };
  const runFresh = (script: string) => {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: coldEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`fresh process failed (${run.status}): ${run.stderr.toString()}`);
    return { ...(JSON.parse(run.stderr.toString()) as Record<string, number>), wallMs };
  };
  const cold: Record<string, number>[] = [];
  const baseline: Record<string, number>[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    cold.push(runFresh(coldScript));
    baseline.push(runFresh(baselineScript));
  }

  report(warm, unlogged, cold, baseline, built.bytes, gzipSync(readFileSync(built.outfile)).length, built.metafile, relative(ROOT, built.outfile));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function report(
  warm: readonly WarmResult[],
  unlogged: readonly WarmResult[],
  cold: readonly Record<string, number>[],
  baseline: readonly Record<string, number>[],
  bytes: number,
  gzipBytes: number,
  metafile: Metafile,
  bundleName: string,
): void {
  const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
  const first = warm[0] as WarmResult;
  // Per run: the series' p50 and p99 over that run's bare p50 and p99; printed: the median run and the range.
  const line = (label: string, name: string, target?: string, runs: readonly WarmResult[] = warm) => {
    const per = runs.map((run) => {
      const values = run.series[name] ?? [];
      const runBare = run.series['bare'] ?? [];
      return { p50: quantile(values, 0.5), p99: quantile(values, 0.99), r50: quantile(values, 0.5) / quantile(runBare, 0.5), r99: quantile(values, 0.99) / quantile(runBare, 0.99) };
    });
    const mid = (key: 'p50' | 'p99' | 'r50' | 'r99') => median(per.map((p) => p[key]));
    const r50s = per.map((p) => p.r50);
    const range = per.length > 1 ? ` (runs ${Math.min(...r50s).toFixed(2)}–${Math.max(...r50s).toFixed(2)})` : '';
    const ratio = `${mid('r50').toFixed(2)}× bare at p50${range}, ${mid('r99').toFixed(2)}× at p99`;
    console.log(`  ${label.padEnd(34)} p50 ${us(mid('p50')).padStart(9)}  p99 ${us(mid('p99')).padStart(9)}   ${ratio}${target ? `   (target: p50 ${target})` : ''}`);
  };
  console.log(`authorizer bench: bundle built to ${bundleName}, Cognito ID tokens (RS256, 2048-bit), generated table (exact policies, whatever the cache TTL)`);
  console.log(`warm latency per invocation: ${warm.length} child processes, ${(first.series['bare'] ?? []).length} samples per series each, interleaved (decision log to /dev/null); median run shown:`);
  line('bare RS256 verify (node:crypto)', 'bare');
  line('handler, first-seen token', 'firstSeen', '≤ 2× bare');
  line('handler, repeated token', 'repeated', '≤ 0.25× bare');
  line('for scale: aws-jwt-verify verifySync', 'verifySync');
  line('for scale: one decision log line', 'logLine');
  line('for scale: first-seen, log off', 'firstSeen', undefined, unlogged);
  line('for scale: repeated, log off', 'repeated', undefined, unlogged);

  const pick = (rows: readonly Record<string, number>[], key: string) => median(rows.map((r) => r[key] as number));
  console.log(`cold start, median of ${cold.length} fresh processes (JWKS preloaded from JWKS_JSON):`);
  console.log(`  import bundle + init + first invocation: ${pick(cold, 'totalMs').toFixed(1)} ms (import ${pick(cold, 'importMs').toFixed(1)} ms, first invocation ${pick(cold, 'invokeMs').toFixed(1)} ms; target ≤ 60 ms)`);
  console.log(`  process start to first response: ${pick(cold, 'sinceStartMs').toFixed(1)} ms vs ${pick(baseline, 'sinceStartMs').toFixed(1)} ms for a fresh process that only verifies one token (${(pick(cold, 'sinceStartMs') / pick(baseline, 'sinceStartMs')).toFixed(2)}×); wall time ${pick(cold, 'wallMs').toFixed(1)} ms vs ${pick(baseline, 'wallMs').toFixed(1)} ms`);

  const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const parts = path.split('node_modules/');
    const local = path.replace(/^(\.\.\/)+/, '');
    const pkg = parts.length > 1 ? (parts.at(-1) as string).split('/').slice(0, (parts.at(-1) as string).startsWith('@') ? 2 : 1).join('/') : local.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([pkg, n]) => `${pkg} ${(n / 1024).toFixed(0)}`).join(', ');
  console.log(`bundle: ${(bytes / 1024).toFixed(1)} KiB (gzip ${(gzipBytes / 1024).toFixed(1)} KiB; target ≤ 200 KB); largest inputs (KiB): ${top}`);

  const largest = [...first.policies].sort((a, b) => b.bytes - a.bytes);
  console.log('policy returned (and cached) per default role, for GET …/experiments/get (JSON bytes, statements, resources, longest Resource):');
  for (const p of largest) console.log(`  ${p.role.padEnd(16)} ${String(p.bytes).padStart(6)} B  ${String(p.statements).padStart(3)} statements  ${String(p.resources).padStart(4)} resources  longest ${p.longestResource} chars (≤ 512)`);
}
