// `npm run local` as a user meets it: the start-up text, and one-line errors (no stack trace) for a port taken, a
// credentials file missing or broken, stale generated/ files and bad flags.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';
import { projectModel } from './reference.js';

const LAUNCHER = join(PROJECT_ROOT, 'local', 'bin', 'local.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs `npm run local -- args` to completion (for the failures), with a time limit. */
function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectOneLineError(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('npm run local', () => {
  it('starts, prints how to log in and how to point a notebook at it, and stops on SIGTERM', async () => {
    const child: ChildProcess = spawn(process.execPath, [LAUNCHER, '--port', '0', '--credentials', await credentialsCopy()], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (stdout.includes('Started in')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null || Date.now() - started > 60_000) {
          clearInterval(timer);
          reject(new Error(`did not start: ${stderr}`));
        }
      }, 25);
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/Gateway {9}http:\/\/127\.0\.0\.1:\d+\/prod\//);
    expect(stdout).toMatch(/^ {2}UI {14}stand-in MLflow UI with ui-patch's login injected/m);
    // A demo user per Cognito group of permissions.yaml, whatever its groups and roles are.
    const model = projectModel();
    expect(model.roleOfGroup.size).toBeGreaterThan(0);
    for (const [group, role] of model.roleOfGroup) expect(stdout).toContain(`(group ${group} → role ${role})`);
    expect(stdout.match(/^ {2}\S+ +password [a-z2-9-]{19} {3}\(group \S+ → role \S+\)$/gm)).toHaveLength(model.roleOfGroup.size);
    expect(stdout).toMatch(/export MLFLOW_TRACKING_URI=http:\/\/127\.0\.0\.1:\d+\/prod MLFLOW_TRACKING_AUTH=execute-api-sigv4 AWS_REGION=us-east-1/);
    const identities = [...stdout.matchAll(/# (?:sagemaker-user-profile|iam-principal)\/\S+ → role ([^\n]+)\n {2}export AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16} AWS_SECRET_ACCESS_KEY=\S{40}/g)];
    expect(identities.length).toBeGreaterThan(0);
    for (const [, roles] of identities) for (const role of (roles as string).split(', ')) expect([...model.rights.keys()]).toContain(role);
    expect(stdout).toMatch(/Started in \d+\.\d s/);
  }, 90_000);

  it('names a port that is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expectOneLineError(await run(['--port', String(port), '--credentials', await credentialsCopy()]), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is taken.*--port`));
      expectOneLineError(await run(['--port', '0', '--oidc-port', String(port), '--credentials', await credentialsCopy()]), /OIDC provider cannot start.*--oidc-port/);
    } finally {
      server.close();
    }
  }, 90_000);

  it('names a credentials file that is missing or broken', async () => {
    expectOneLineError(await run(['--port', '0', '--credentials', join(dir, 'nope.json')]), /credentials file .*nope\.json does not exist/);
    const notJson = join(dir, 'not-json.json');
    await writeFile(notJson, '{"version": 1,');
    expectOneLineError(await run(['--port', '0', '--credentials', notJson]), /not-json\.json is not valid JSON/);
    const badKey = join(dir, 'bad-key.json');
    await writeFile(badKey, JSON.stringify({ version: 1, credentials: [{ accessKeyId: 'short', secretAccessKey: 'x'.repeat(40), sagemakerUserProfile: 'p' }] }));
    expectOneLineError(await run(['--port', '0', '--credentials', badKey]), /bad-key\.json is broken at credentials\.0\.accessKeyId/);
  }, 90_000);

  it('refuses stale generated/ files, naming what changed', async () => {
    const root = join(dir, 'project');
    await cp(join(PROJECT_ROOT, 'generated'), join(root, 'generated'), { recursive: true });
    const yaml = await readFile(join(PROJECT_ROOT, 'permissions.yaml'), 'utf8');
    await writeFile(join(root, 'permissions.yaml'), yaml.replace('authorizerCacheTtlSeconds: 300', 'authorizerCacheTtlSeconds: 0'));
    expectOneLineError(await run(['--port', '0', '--root', root]), /generated\/ is stale \(permissions\.yaml changed since generated\/ was written\): run `npm run generate`/);
    await writeFile(join(root, 'permissions.yaml'), yaml);
    const index = join(root, 'generated', 'iam', 'policies', 'index.json');
    await writeFile(index, (await readFile(index, 'utf8')).replace(/"policyVersion": "[0-9a-f]+"/, '"policyVersion": "0000000000000000"'));
    expectOneLineError(await run(['--port', '0', '--root', root]), /generated\/iam\/policies\/index\.json was changed by hand/);
    await rm(index);
    expectOneLineError(await run(['--port', '0', '--root', root]), /generated\/iam\/policies\/index\.json is missing/);
  }, 90_000);

  it('explains bad flags', async () => {
    const result = await run(['--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --port must be a port number/);
    expect(result.stderr).toMatch(/usage: npm run local/);
    expect((await run(['--mlflow-url', 'localhost:5000'])).stderr).toMatch(/--mlflow-url must be an http\(s\) URL/);
    expect((await run(['--frobnicate'])).code).toBe(2);
  }, 90_000);
});

/** A credentials file for the default bindings, in the test's folder (the default location is left alone). */
async function credentialsCopy(): Promise<string> {
  const path = join(dir, `credentials-${Math.random().toString(36).slice(2)}.json`);
  const { newCredential } = await import('../src/credentials/credentials-file.js');
  const entries = ['mlflow-admin', 'mlflow-model-approver', 'mlflow-reader'].map((name) => {
    const c = newCredential({ kind: 'sagemaker-user-profile', name });
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sagemakerUserProfile: name };
  });
  await writeFile(path, JSON.stringify({ version: 1, credentials: entries }));
  return path;
}
