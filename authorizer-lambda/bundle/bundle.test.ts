// The Lambda bundle: one file that needs nothing but Node's built-ins, within the size target, whose handler
// serves a request with the configuration it reads from the environment; a bad configuration stops it at init.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, compilePermissions, GENERATED_FILES, MLFLOW_VERSION, planStageInputs } from '@mlflow-authz/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM } from '@mlflow-authz/test/fixtures';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { syntheticPermissionsYaml } from '@mlflow-authz/test/support';
import { bundleEnvironment, BENCH_CLIENT_ID, BENCH_ISSUER } from '../test/bundle-environment.js';
import { methodArnFor } from '../test/events.js';
import { generateTestKey } from '../test/keys.js';
import { signRs256 } from '../test/tokens.js';
import type { BundleResult } from './bundle.js';
import { bundle } from './bundle.js';

const key = generateTestKey('bundle-key');
let dir: string;
let built: BundleResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authorizer-bundle-'));
  // The fixture's table, not the project's (users edit permissions.yaml); the default table is bundled the same way.
  built = await bundle(join(dir, 'index.mjs'), join(fixtureProject(TEAM).root, GENERATED_FILES.authorizerTable));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Imports the bundle in a fresh Node process with `env`, serves `event`; returns exit status, stdout, stderr.
function serve(env: Record<string, string>, event: object): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(built.outfile).href)});
    try { process.stderr.write(JSON.stringify(await handler(${JSON.stringify(event)}))); }
    catch (err) { process.stderr.write('threw ' + err.message); }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function eventFor(token: string): object {
  const path = '/ajax-api/2.0/mlflow/experiments/get';
  return { type: 'REQUEST', methodArn: methodArnFor('GET', path), path, httpMethod: 'GET', headers: { Authorization: `Bearer ${token}` }, multiValueHeaders: null };
}

const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'bundle-user', iss: BENCH_ISSUER, aud: BENCH_CLIENT_ID, token_use: 'id', iat: now, exp: now + 600, 'cognito:groups': ['readers'] };

describe('the bundle', () => {
  it('is one file importing Node built-ins only, within 200 KB', () => {
    const text = readFileSync(built.outfile, 'utf8');
    const imported = [...text.matchAll(/(?:from|import)\s*"([^"]+)"/g)].map((m) => m[1] as string);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(imported.filter((m) => !builtins.has(m))).toEqual([]);
    expect(built.bytes).toBeLessThanOrEqual(200 * 1024);
  });

  it('stays within 200 KB with the table of 50 realistic roles inside', async () => {
    const yaml = syntheticPermissionsYaml(50);
    const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
    if (!compiled.ok) throw new Error('synthetic file must compile');
    const table = join(dir, 'fifty.json');
    writeFileSync(table, planStageInputs(compiled.permissions, yaml, CATALOGUE).get(GENERATED_FILES.authorizerTable) as string);
    const fifty = await bundle(join(dir, 'fifty.mjs'), table);
    expect(fifty.bytes).toBeLessThanOrEqual(200 * 1024);
    expect(fifty.bytes - built.bytes).toBeLessThan(10 * 1024);
  });

  it('serves a request: Cognito mode, JWKS from JWKS_JSON, the table inside', () => {
    const result = serve(bundleEnvironment(key.jwk), eventFor(signRs256(key, claims)));
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stderr) as { principalId: string; context: Record<string, string>; policyDocument: { Statement: { Effect: string }[] } };
    expect(answer.principalId).toBe('bundle-user');
    expect(answer.context['roles']).toBe('readers');
    expect(answer.policyDocument.Statement.some((s) => s.Effect === 'Allow')).toBe(true);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ message: 'authorization decision', decision: 'allow', operation: 'GetExperiment' });
  });

  it('answers a bad token with Unauthorized', () => {
    const result = serve(bundleEnvironment(key.jwk), eventFor(signRs256(key, { ...claims, aud: 'other-client' })));
    expect(result.stderr).toBe('threw Unauthorized');
  });

  it('stops at init when the environment is incomplete, naming the variable', () => {
    const { COGNITO_TOKEN_USE: _omitted, ...env } = bundleEnvironment(key.jwk);
    const result = serve(env, eventFor(signRs256(key, claims)));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('COGNITO_TOKEN_USE is required');
  });
});
