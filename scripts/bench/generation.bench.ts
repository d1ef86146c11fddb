// The generation benchmark (`npm run bench`): `npm run generate` as a user runs it (node scripts/generate.mjs,
// bundled, worker threads) on the project's permissions.yaml and on synthetic role files of 3, 6, 12, 25 and 50
// realistic roles (test/support/synthetic-roles.ts): from scratch (`--no-cache`: every part proven afresh),
// BENCH_GENERATE_RUNS times (default 2), and once after editing one role with the proven parts of the previous
// run kept; the fast --check; and per file the authorizer bundle, the largest policy the authorizer returns for
// users in up to 5 groups, the largest IAM document, the SigV4 exceptions, and the cold start of the bundle.
// Timings of a shared machine drift: a fixed CPU workload is timed between runs, and times are also given as
// its multiples.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, Router, instantiate, parseTemplate } from '@mlflow-authz/core';
import { createAuthorizer, createDecisionLogger, createTokenVerifier } from '@mlflow-authz/authorizer';
import { bundle } from '@mlflow-authz/authorizer/bundle';
import { bearer, bundleEnvironment, COGNITO_CONFIG, cognitoIdClaims, generateTestKey, methodArnFor, requestEvent, signRs256 } from '@mlflow-authz/authorizer/testing';
import { policyChars } from '@mlflow-authz/iam';
import { syntheticPermissionsYaml, syntheticUsers } from '@mlflow-authz/test/support';
import { PROJECT_DIR } from '../generate-pipeline.js';

const RUNS = Number(process.env['BENCH_GENERATE_RUNS'] ?? 2);
const COUNTS = (process.env['BENCH_GENERATE_COUNTS'] ?? '3,6,12,25,50').split(',').map(Number);
const GENERATE = join(PROJECT_DIR, 'scripts', 'generate.mjs');
const work = mkdtempSync(join(tmpdir(), 'generation-bench-'));

/** Wall time of one child process, in ms; throws if it fails. */
function timed(args: readonly string[]): { ms: number; stderr: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: PROJECT_DIR, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  return { ms, stderr: run.stderr };
}

// A fixed CPU workload in a fresh process (map and string churn, like the pattern searches): this machine's speed of the moment.
const CPU_WORK = 'const m = new Map(); let s = 0; for (let i = 0; i < 4e6; i++) { const k = (i * 2654435761) % 50021; m.set(k, (m.get(k) ?? 0) + 1); s += String(k).length; } if (s < 0) console.log(s);';
const cpuBaseline = (): number => timed(['-e', CPU_WORK]).ms;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Row {
  readonly label: string;
  readonly roles: number;
  readonly runs: number[];
  /** Generation after one role gained an operation, with the parts proven by the run before kept. */
  readonly afterEdit: number;
  readonly cpu: number[];
  readonly bundleBytes: number;
  readonly largestPolicy: number;
  readonly largestIamDocument: number;
  readonly exceptions: number;
  readonly coldMs: number;
}

const key = generateTestKey('generation-bench');

// The largest policy the authorizer (from source, with this table) returns to users in 1-5 groups, over every
// catalogue route of the browser surface with plain values.
async function largestPolicy(table: AuthorizerTable, count: number): Promise<number> {
  const verifier = createTokenVerifier(COGNITO_CONFIG);
  verifier.cacheJwks({ keys: [key.jwk] });
  const authorizer = createAuthorizer({ table, router: new Router(CATALOGUE), verifier, logger: createDecisionLogger(() => {}) });
  const requests = CATALOGUE.flatMap((op) => op.routes.filter((r) => !r.path.startsWith('/api/')).map((r) => [r.method, instantiate(parseTemplate(r.path, r.engine), () => 'v1')] as const));
  let largest = 0;
  for (const groups of syntheticUsers(count, 20, 5).concat([Object.keys(table.cognitoGroups).slice(0, 5)])) {
    const token = signRs256(key, cognitoIdClaims({ groups }));
    for (const [method, path] of requests) {
      const result = await authorizer(requestEvent(method, path, bearer(token)));
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(result.policyDocument)));
    }
  }
  return largest;
}

// Fresh processes importing the bundle and answering one request (median of 5), JWKS preloaded.
function coldStart(bundlePath: string): number {
  const token = signRs256(key, { ...cognitoIdClaims({ groups: ['readers-group'] }), iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_BenchPool1', aud: 'benchclient0123456789' });
  const event = JSON.stringify({ type: 'REQUEST', methodArn: methodArnFor('GET', '/ajax-api/2.0/mlflow/experiments/get'), path: '/ajax-api/2.0/mlflow/experiments/get', httpMethod: 'GET', headers: { Authorization: `Bearer ${token}` } });
  const script = `const t0 = performance.now(); const { handler } = await import(process.env.B); await handler(JSON.parse(process.env.E)); process.stderr.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...bundleEnvironment(key.jwk), POWERTOOLS_LOG_LEVEL: 'WARN', B: pathToFileURL(bundlePath).href, E: event }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cold start failed: ${run.stderr}`);
    times.push(Number(run.stderr));
  }
  return median(times);
}

function largestIamDocument(root: string): number {
  const dir = join(root, 'generated', 'iam', 'policies');
  return Math.max(0, ...readdirSync(dir).filter((n) => !n.startsWith('_') && n !== 'index.json').map((n) => policyChars(JSON.parse(readFileSync(join(dir, n), 'utf8')) as object)));
}

async function measure(label: string, yaml: string): Promise<Row> {
  const root = mkdtempSync(join(work, 'project-'));
  writeFileSync(join(root, 'permissions.yaml'), yaml);
  const runs: number[] = [];
  const cpu: number[] = [];
  let stderr = '';
  for (let i = 0; i < RUNS; i++) {
    cpu.push(cpuBaseline());
    const run = timed([GENERATE, '--root', root, '--no-cache']);
    runs.push(run.ms);
    stderr = run.stderr;
  }
  // The everyday case: the file generated once (proven parts kept), then one role edited and generated again.
  timed([GENERATE, '--root', root]);
  const edited = parse(yaml) as { roles: Record<string, { grants?: string[] }> };
  const first = Object.values(edited.roles).find((r) => !(r.grants ?? []).includes('*')) as { grants?: string[] };
  first.grants = [...(first.grants ?? []), 'DeleteExperimentTag'];
  writeFileSync(join(root, 'permissions.yaml'), stringify(edited));
  const afterEdit = timed([GENERATE, '--root', root]).ms;
  const table = JSON.parse(readFileSync(join(root, 'generated', 'authorizer', 'permissions.json'), 'utf8')) as AuthorizerTable;
  const built = await bundle(join(root, 'authorizer.mjs'), join(root, 'generated', 'authorizer', 'permissions.json'));
  return {
    label,
    roles: Object.keys(table.roles).length,
    runs,
    afterEdit,
    cpu,
    bundleBytes: built.bytes,
    largestPolicy: await largestPolicy(table, Object.keys(table.roles).length),
    largestIamDocument: largestIamDocument(root),
    exceptions: stderr.split('\n').filter((l) => l.includes('over SigV4 it cannot call')).length,
    coldMs: coldStart(built.outfile),
  };
}

try {
  // The bundle of the pipeline is built on first use and cached: warm it, so that every run below is a re-run.
  timed([GENERATE, '--check']);
  timed([GENERATE, '--root', mkdtempSync(join(work, 'warm-')), '--file', join(PROJECT_DIR, 'permissions.yaml'), '--no-cache']);
  const checks: number[] = [];
  const checkCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    checkCpu.push(cpuBaseline());
    checks.push(timed([GENERATE, '--check']).ms);
  }
  const rows: Row[] = [await measure('permissions.yaml', readFileSync(join(PROJECT_DIR, 'permissions.yaml'), 'utf8'))];
  for (const count of COUNTS) rows.push(await measure(`synthetic ${count}`, syntheticPermissionsYaml(count)));

  console.log(`generation bench: npm run generate (node scripts/generate.mjs, pipeline bundle cached), from scratch (--no-cache, ${RUNS} runs each, the median shown) and after editing one role (proven parts kept)`);
  console.log(`  --check (hash only): median ${Math.round(median(checks))} ms over 5 runs (target ≤ 1 s; CPU baseline ${Math.round(median(checkCpu))} ms)`);
  console.log('  file               roles  generate   ×CPU   per role   after an edit   bundle     largest authorizer policy   largest IAM document   SigV4 exceptions   cold start');
  let previous: Row | undefined;
  for (const row of rows) {
    const t = median(row.runs);
    const perRole = previous !== undefined && row.label.startsWith('synthetic') && previous.label.startsWith('synthetic') ? `${((t - median(previous.runs)) / (row.roles - previous.roles) / 1000).toFixed(2)} s` : '—';
    console.log(
      `  ${row.label.padEnd(18)} ${String(row.roles).padStart(5)}  ${seconds(t).padStart(8)}  ${(t / median(row.cpu)).toFixed(0).padStart(5)}  ${perRole.padStart(9)}  ${seconds(row.afterEdit).padStart(13)}  ${`${(row.bundleBytes / 1024).toFixed(1)} KiB`.padStart(10)}  ${`${row.largestPolicy} B`.padStart(26)}  ${`${row.largestIamDocument} chars`.padStart(21)}  ${String(row.exceptions).padStart(17)}  ${`${row.coldMs.toFixed(0)} ms`.padStart(10)}`,
    );
    console.log(`      runs: ${row.runs.map((ms) => seconds(ms)).join(', ')} (fastest ${seconds(Math.min(...row.runs))}); CPU baseline ${row.cpu.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
    previous = row;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
