// End to end from Python, as a SageMaker notebook reaches MLflow: Debian's python3 with python3-requests and
// python3-botocore, the plugin from clients/python/src (found through its entry point, as MLflow finds plugins) and
// a thin shim where MLflow's client classes would be (local/test/python/README.md). One Python process per identity
// bound in permissions.yaml (SageMaker user profiles, IAM principals), with that identity's keys from the local
// credentials file: a read, the writes, a streamed upload under API Gateway's 10 MB cap, a 50 MiB artifact by
// MLflow's proxied multipart upload (parts to the stand-in's object store, outside the gateway), the same 50 MiB as
// one request (413, streamed, never buffered), and requests the gateway must refuse (no, tampered or expired
// signature, unknown key). Expectations come from permissions.yaml (authz-core's decision). Without python3,
// botocore or requests every test here fails; none is skipped.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../src/gateway/responses.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';
import { referenceDecider } from './reference.js';

const PYTHON_DIR = join(PROJECT_ROOT, 'local', 'test', 'python');
const MIB = 1024 * 1024;
const SMALL_BYTES = 8_000_000; // under the multipart threshold and the 10 MB cap: one streamed PUT
const LARGE_BYTES = 50 * MIB;
const PART_BYTES = 8 * MIB; // clients/python/README.md's settings for API Gateway
const RUN_TIMEOUT_MS = 120_000;
// A streamed body keeps the client's traced memory to its read buffers; a buffered 50 MiB body would not.
const STREAMED_PEAK_BYTES = 4 * MIB;

interface TracedRequest {
  method: string;
  url: string;
  signed: boolean;
  contentLength: number;
  chunked: boolean;
  status?: number;
  retries?: number;
  error?: string;
}
interface Scenario {
  outcome: 'returned' | 'raised';
  value?: unknown;
  exception?: string;
  message?: string;
  status?: number | null;
  peakTracedBytes?: number;
  seconds: number;
  requests: TracedRequest[];
}
interface Run {
  identity: string;
  roles: readonly string[];
  runId: string;
  seconds: number;
  report: { accessKeyId: string; scenarios: Record<string, Scenario> };
}

const reference = referenceDecider();
let local: TestLocalMode;
let work: string;
let small: { path: string; sha256: string };
let large: { path: string; sha256: string };
const runs: Run[] = [];

/** Debian's python3 (or PYTHON) if it imports botocore and requests; otherwise why not. */
function findPython(): string {
  const tried: string[] = [];
  for (const candidate of [...new Set([process.env['PYTHON'], '/usr/bin/python3', 'python3'].filter((c): c is string => !!c))]) {
    const probe = spawnSync(candidate, ['-c', 'import botocore, requests, tomllib'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
    tried.push(`${candidate} (${probe.error ? 'not found' : (probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`)})`);
  }
  throw new Error(`The Python end-to-end test needs python3 (3.11+) with botocore and requests; tried ${tried.join(', ')}. apt-get install -y python3 python3-botocore python3-requests (as .ci/run does).`);
}

async function randomFile(name: string, bytes: number): Promise<{ path: string; sha256: string }> {
  const data = randomBytes(bytes);
  const path = join(work, name);
  await writeFile(path, data);
  return { path, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Runs notebook_e2e.py as one identity; resolves with its report. */
async function runNotebook(python: string, credential: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, runId: string): Promise<Run['report']> {
  const plan = join(work, `plan-${runId}.json`);
  const report = join(work, `report-${runId}.json`);
  await writeFile(plan, JSON.stringify({ pyproject: join(PROJECT_ROOT, 'clients', 'python', 'pyproject.toml'), small_file: small.path, large_file: large.path, run: runId }));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: work,
    PYTHONPATH: [join(PYTHON_DIR, 'mlflow_shim'), join(PROJECT_ROOT, 'clients', 'python', 'src')].join(':'),
    PYTHONDONTWRITEBYTECODE: '1',
    AWS_ACCESS_KEY_ID: credential.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
    ...(credential.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: credential.sessionToken }),
    AWS_REGION: local.mode.api.region,
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    MLFLOW_TRACKING_URI: local.mode.baseUrl.replace(/\/$/, ''),
    MLFLOW_TRACKING_AUTH: 'execute-api-sigv4',
    MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: 'true',
    MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE: String(PART_BYTES),
    MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE: String(PART_BYTES),
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2',
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.1',
  };
  const child = spawn(python, [join(PYTHON_DIR, 'notebook_e2e.py'), plan, report], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`notebook_e2e.py as ${credential.accessKeyId} exited ${code}:\n${output.slice(-4000)}`);
  return JSON.parse(await readFile(report, 'utf8')) as Run['report'];
}

// A failing beforeAll would only mark the tests skipped: its error is kept, and every test fails with it.
let setupError: unknown;
function needRuns(): readonly Run[] {
  if (setupError !== undefined) throw setupError;
  return runs;
}

beforeAll(async () => {
  try {
    await runAll();
  } catch (error) {
    setupError = error;
  }
}, 600_000);

async function runAll(): Promise<void> {
  const python = findPython();
  local = await startTestLocalMode();
  work = await mkdtemp(join(tmpdir(), 'local-python-e2e-'));
  small = await randomFile('small.bin', SMALL_BYTES);
  large = await randomFile('large.bin', LARGE_BYTES);
  // The keys a notebook user copies from the credentials file, one run per entry.
  const file = JSON.parse(await readFile(local.mode.credentialsFile, 'utf8')) as { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }[] };
  for (const credential of file.credentials) {
    const identity = local.mode.notebookIdentities.find((n) => n.credential.accessKeyId === credential.accessKeyId);
    if (identity === undefined) throw new Error(`credentials file entry ${credential.accessKeyId} is not a notebook identity`);
    const runId = randomUUID().replace(/-/g, '');
    const started = performance.now();
    const report = await runNotebook(python, credential, runId);
    runs.push({ identity: `${identity.principal.kind}/${identity.principal.name}`, roles: identity.roles, runId, seconds: Math.round(performance.now() - started) / 1000, report });
  }
  for (const run of runs) {
    const summary = Object.entries(run.report.scenarios).map(([name, s]) => {
      const statuses = s.requests.map((r) => r.status ?? r.error).join('/');
      return `${name} ${statuses} ${s.seconds}s${s.peakTracedBytes === undefined ? '' : ` peak ${(s.peakTracedBytes / MIB).toFixed(2)}MiB`}`;
    });
    console.log(`python e2e ${run.identity} (${run.roles.join(',')}): ${run.seconds} s — ${summary.join('; ')}`);
  }
}

afterAll(async () => {
  await local?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const stagePath = (url: string) => new URL(url).pathname.slice(`/${local.mode.api.stage}`.length);
const decision = (run: Run, method: string, url: string) => reference([...run.roles], method, stagePath(url));
const gatewayRequests = (s: Scenario) => s.requests.filter((r) => r.url.startsWith(local.mode.baseUrl));
const objectStoreRequests = (s: Scenario) => s.requests.filter((r) => r.url.startsWith(local.mode.standIn?.objectStore.url ?? '-'));
const IAM_DENIED = /is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:/;

/** Checks a scenario of one MLflow call: 200 with the operation reached where permissions.yaml allows it, else IAM's 403. */
function expectCallDecided(run: Run, name: string, operation: string): 'allow' | 'deny' {
  const scenario = run.report.scenarios[name] as Scenario;
  const [request] = gatewayRequests(scenario);
  expect(scenario.requests).toHaveLength(1);
  expect(request).toMatchObject({ signed: true, retries: 0 });
  const expected = decision(run, request?.method ?? '', request?.url ?? '');
  expect(expected.operation).toBe(operation);
  if (expected.effect === 'allow') {
    expect(scenario).toMatchObject({ outcome: 'returned', value: { standIn: 'mlflow', operation } });
    expect(request?.status).toBe(200);
  } else {
    expect(scenario).toMatchObject({ outcome: 'raised', exception: 'RestException', message: expect.stringMatching(IAM_DENIED) });
    expect(request?.status).toBe(403);
  }
  return expected.effect;
}

describe('Python notebooks as each identity bound in permissions.yaml (the plugin signing, the IAM documents deciding)', () => {
  it('has python3 with botocore and requests', () => {
    findPython();
  });

  it('ran one notebook per entry of the local credentials file, each bound to a role', () => {
    const runs = needRuns();
    expect(runs.map((r) => r.identity).sort()).toEqual(local.mode.notebookIdentities.map((n) => `${n.principal.kind}/${n.principal.name}`).sort());
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const run of runs) expect(run.roles.length).toBeGreaterThan(0);
  });

  it('reads succeed for every identity (GET with a signed query, and a search by POST)', () => {
    for (const run of needRuns()) {
      expect(expectCallDecided(run, 'read', 'GetExperiment')).toBe('allow');
      expect(expectCallDecided(run, 'search', 'SearchExperiments')).toBe('allow');
    }
  });

  it('writes are answered as permissions.yaml decides, and some identity is denied a write (403 from IAM)', () => {
    const effects = needRuns().flatMap((run) => [
      expectCallDecided(run, 'create-experiment', 'CreateExperiment'),
      expectCallDecided(run, 'create-registered-model', 'CreateRegisteredModel'),
      expectCallDecided(run, 'delete-experiment', 'DeleteExperiment'),
    ]);
    expect(effects).toContain('deny');
    expect(effects).toContain('allow');
  });

  it('a file under the 10 MB cap goes up as one streamed, signed PUT whose signature the gateway verifies', () => {
    for (const run of needRuns()) {
      const scenario = run.report.scenarios['upload-small'] as Scenario;
      const [put] = gatewayRequests(scenario);
      expect(scenario.requests).toHaveLength(1);
      expect(put).toMatchObject({ method: 'PUT', signed: true, contentLength: SMALL_BYTES, chunked: false, retries: 0 });
      expect(stagePath(put?.url ?? '')).toBe(`/api/2.0/mlflow-artifacts/artifacts/0/${run.runId}/artifacts/data/small.bin`);
      expect(scenario.peakTracedBytes).toBeLessThan(STREAMED_PEAK_BYTES);
      const stored = local.mode.standIn?.artifacts().get(`0/${run.runId}/artifacts/data/small.bin`);
      if (decision(run, 'PUT', put?.url ?? '').effect === 'allow') {
        expect(scenario.outcome).toBe('returned');
        expect(put?.status).toBe(200);
        expect(stored).toEqual({ path: `0/${run.runId}/artifacts/data/small.bin`, bytes: SMALL_BYTES, sha256: small.sha256, via: 'proxied-put' });
      } else {
        // Denied by IAM, not refused as a signature: the gateway hashed the 8 MB body and the signature matched.
        expect(scenario).toMatchObject({ outcome: 'raised', exception: 'HTTPError', status: 403, message: expect.stringMatching(IAM_DENIED) });
        expect(stored).toBeUndefined();
      }
    }
  });

  it('50 MiB goes by MLflow\'s proxied multipart upload: mpu/create, the parts to the object store outside the gateway, mpu/complete', () => {
    const outcomes = needRuns().map((run) => {
      const scenario = run.report.scenarios['upload-large-multipart'] as Scenario;
      const viaGateway = gatewayRequests(scenario);
      const parts = objectStoreRequests(scenario);
      expect(viaGateway.length + parts.length).toBe(scenario.requests.length);
      const create = viaGateway[0];
      expect(create).toMatchObject({ method: 'POST', signed: true, retries: 0 });
      expect(stagePath(create?.url ?? '')).toBe(`/api/2.0/mlflow-artifacts/mpu/create/0/${run.runId}/artifacts/model`);
      // Nothing over the cap went to the gateway.
      expect(viaGateway.every((r) => r.contentLength <= MAX_PAYLOAD_BYTES)).toBe(true);
      const key = `0/${run.runId}/artifacts/model/large.bin`;
      if (decision(run, 'POST', create?.url ?? '').effect === 'allow') {
        expect(decision(run, 'POST', create?.url.replace('/mpu/create/', '/mpu/complete/') ?? '').effect).toBe('allow');
        expect(scenario.outcome).toBe('returned');
        expect(viaGateway.map((r) => [r.method, stagePath(r.url), r.status])).toEqual([
          ['POST', `/api/2.0/mlflow-artifacts/mpu/create/0/${run.runId}/artifacts/model`, 200],
          ['POST', `/api/2.0/mlflow-artifacts/mpu/complete/0/${run.runId}/artifacts/model`, 200],
        ]);
        const partCount = Math.ceil(LARGE_BYTES / PART_BYTES);
        expect(parts).toHaveLength(partCount);
        expect(parts.every((p) => p.method === 'PUT' && !p.signed && p.status === 200)).toBe(true);
        expect(parts.map((p) => p.contentLength).sort((a, b) => a - b)).toEqual([LARGE_BYTES - (partCount - 1) * PART_BYTES, ...Array<number>(partCount - 1).fill(PART_BYTES)]);
        expect(local.mode.standIn?.artifacts().get(key)).toEqual({ path: key, bytes: LARGE_BYTES, sha256: large.sha256, via: 'multipart', parts: partCount });
        return 'uploaded';
      }
      expect(scenario).toMatchObject({ outcome: 'raised', exception: 'HTTPError', status: 403, message: expect.stringMatching(IAM_DENIED) });
      expect(viaGateway).toHaveLength(1);
      expect(parts).toEqual([]);
      expect(local.mode.standIn?.artifacts().get(key)).toBeUndefined();
      return 'denied';
    });
    expect(outcomes).toContain('uploaded');
    expect(outcomes).toContain('denied');
  });

  it('50 MiB as one request is refused with 413 at the cap, streamed by the plugin without buffering it', () => {
    for (const run of needRuns()) {
      const scenario = run.report.scenarios['upload-large-single'] as Scenario;
      expect(scenario).toMatchObject({ outcome: 'raised', exception: 'HTTPError', status: 413, message: expect.stringContaining(`HTTP content length exceeded ${MAX_PAYLOAD_BYTES} bytes.`) });
      expect(scenario.requests).toEqual([expect.objectContaining({ method: 'PUT', signed: true, contentLength: LARGE_BYTES, chunked: false, status: 413, retries: 0 })]);
      expect(scenario.peakTracedBytes).toBeLessThan(STREAMED_PEAK_BYTES);
    }
    const refused = local.accessLog.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['status'] === 413);
    expect(refused).toHaveLength(needRuns().length);
    expect(refused.every((l) => l['decision'] === 'rejected' && l['operation'] === 'UploadArtifact')).toBe(true);
  });

  it('refuses a request without a signature, with a tampered signature or body, signed 10 minutes ago, or by an unknown key', () => {
    const expected: Record<string, string> = {
      'no-signature': 'Missing Authentication Token',
      'tampered-signature': 'The request signature we calculated does not match',
      'tampered-body': 'The request signature we calculated does not match',
      'expired-signature': 'Signature expired',
      'unknown-key': 'The security token included in the request is invalid.',
    };
    for (const run of needRuns()) {
      for (const [name, message] of Object.entries(expected)) {
        const scenario = run.report.scenarios[name] as Scenario;
        expect(scenario, `${run.identity} ${name}`).toMatchObject({ outcome: 'returned', value: { status: 403, body: expect.stringContaining(message) } });
        expect(scenario.requests).toHaveLength(1);
        expect(scenario.requests[0]?.signed).toBe(name !== 'no-signature');
      }
    }
  });

  it('the access log names each identity for its allowed and denied calls', () => {
    const lines = local.accessLog.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['surface'] === 'iam' && (l['decision'] === 'allow' || l['decision'] === 'deny'));
    for (const run of needRuns()) {
      const own = lines.filter((l) => l['principal'] === run.identity);
      expect(own.length).toBeGreaterThanOrEqual(5);
      expect(own.every((l) => l['roles'] === run.roles.join(','))).toBe(true);
    }
  });
});
