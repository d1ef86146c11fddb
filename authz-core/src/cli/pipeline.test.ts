import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureFile, TEAM } from '@mlflow-authz/test/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { GENERATED_FILES } from '../generate/formats.js';
import type { Manifest } from '../generate/formats.js';
import { listGenerated } from './files.js';
import type { Output } from './output.js';
import type { GenerateOptions } from './pipeline.js';
import { runGenerate } from './pipeline.js';
import type { GenerateStage, StageResult } from './stage.js';

const PROJECT = new URL('../../../', import.meta.url).pathname;
const roots: string[] = [];

afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pipeline-'));
  roots.push(root);
  await cp(fixtureFile(TEAM), join(root, 'permissions.yaml'));
  return root;
}

async function snapshot(root: string): Promise<Map<string, string>> {
  return new Map(await Promise.all((await listGenerated(root)).map(async (p) => [p, await readFile(join(root, p), 'utf8')] as const)));
}

const EMPTY: StageResult = { files: new Map(), errors: [], warnings: [], sigv4Exceptions: [], summary: 'fake: nothing' };

/** A downstream stage that derives one file from the planned role inputs, or misbehaves as told. */
function fakeStage(behaviour: Partial<StageResult> | 'throws' = {}): GenerateStage {
  return {
    name: 'fake',
    run: async (planned) => {
      if (behaviour === 'throws') throw new Error('the fake stage broke');
      const roles = Object.keys((JSON.parse(planned.get(GENERATED_FILES.iamInputs) as string) as { roles: object }).roles);
      return { ...EMPTY, files: new Map([['generated/fake/roles.txt', roles.join('\n') + '\n']]), summary: `fake: ${roles.length} roles`, ...behaviour };
    },
  };
}

const options = (stage: GenerateStage, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  stages: [stage],
  projectDir: PROJECT,
  generatorEntries: ['authz-core/src/cli/pipeline.ts'],
  ...extra,
});

describe('npm run generate: the pipeline', () => {
  it('writes every stage\'s files and a manifest hashing inputs, generator sources and files; byte-identical on a re-run', async () => {
    const root = await project();
    const out = capture();
    expect(await runGenerate(['--root', root], out, options(fakeStage()))).toBe(0);
    expect(out.lines[0]).toMatch(/^wrote 6 files to generated\/ from .*permissions\.yaml: 3 roles, policy version [0-9a-f]{16}, MLflow 3\.15\.0 \([\d.]+ s: compile [\d.]+ s, fake [\d.]+ s, write [\d.]+ s\)$/);
    expect(out.lines[1]).toBe('  fake: 3 roles');
    const first = await snapshot(root);
    expect([...first.keys()]).toEqual([
      'generated/PERMISSIONS.md',
      'generated/authorizer/permissions.json',
      'generated/fake/roles.txt',
      'generated/iam/roles.json',
      'generated/manifest.json',
      'generated/permissions.schema.json',
    ]);
    const manifest = JSON.parse(first.get('generated/manifest.json') as string) as Manifest;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(manifest.inputs['permissions.yaml']).toBe(sha(await readFile(join(root, 'permissions.yaml'), 'utf8')));
    for (const [path, content] of first) if (path !== 'generated/manifest.json') expect(manifest.files[path], path).toBe(sha(content));
    expect(Object.keys(manifest.files)).toHaveLength(5);
    // The generator: the pipeline and everything it loads, the catalogue data among it; the packages by version.
    expect(manifest.generator.sources['authz-core/src/cli/pipeline.ts']).toBe(sha(await readFile(join(PROJECT, 'authz-core/src/cli/pipeline.ts'), 'utf8')));
    expect(Object.keys(manifest.generator.sources)).toContain('authz-core/src/catalogue/data/tracking-service.ts');
    expect(Object.keys(manifest.generator.sources).every((p) => !p.endsWith('.test.ts'))).toBe(true);
    expect(Object.keys(manifest.generator.packages).sort()).toEqual(['yaml', 'zod']);
    expect(await runGenerate(['--root', root], capture(), options(fakeStage()))).toBe(0);
    expect(await snapshot(root)).toEqual(first);
    const check = capture();
    expect(await runGenerate(['--root', root, '--check', '--full'], check, options(fakeStage()))).toBe(0);
    expect(check.lines).toEqual([expect.stringMatching(/^generated\/ matches .* regenerated in memory$/)]);
  });

  it('leaves generated/ byte-identical when a late stage fails, and prints no stack trace', async () => {
    const root = await project();
    await runGenerate(['--root', root], capture(), options(fakeStage()));
    const before = await snapshot(root);
    const edited = parseDocument(await readFile(join(root, 'permissions.yaml'), 'utf8'));
    expect(edited.getIn(['settings', 'authorizerCacheTtlSeconds'])).not.toBe(60);
    edited.setIn(['settings', 'authorizerCacheTtlSeconds'], 60);
    await writeFile(join(root, 'permissions.yaml'), edited.toString());

    const thrown = capture();
    expect(await runGenerate(['--root', root], thrown, options(fakeStage('throws')))).toBe(2);
    expect(thrown.lines).toEqual(['error: internal error: the fake stage broke; nothing was written (AUTHZ_DEBUG=1 shows the stack)']);
    expect(await snapshot(root)).toEqual(before);

    // The last moment: every file written out beside generated/, then the swap fails.
    const swap = capture();
    const failing = options(fakeStage(), { beforeSwap: async () => Promise.reject(new Error('disk full')) });
    expect(await runGenerate(['--root', root], swap, failing)).toBe(2);
    expect(swap.lines).toEqual(['error: internal error: disk full; nothing was written (AUTHZ_DEBUG=1 shows the stack)']);
    expect(await snapshot(root)).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(['generated', 'permissions.yaml']);
  });

  it('reports a stage\'s problems one line each, at the grant that gave the operation, and writes nothing', async () => {
    const root = await project();
    const stage = fakeStage({
      errors: [
        { role: 'model-approvers', operation: 'CreateModelVersion', message: 'no sound IAM policy: …' },
        { role: 'readers', message: 'needs 6 managed policies' },
        { role: 'model-approvers', operation: 'GetRun', message: 'inherited' },
      ],
    });
    const out = capture();
    expect(await runGenerate(['--root', root], out, options(stage))).toBe(1);
    const yaml = (await readFile(join(root, 'permissions.yaml'), 'utf8')).split('\n');
    const at = (text: string, from = 0) => `${yaml.findIndex((l, i) => i >= from && l.includes(text)) + 1}`;
    const file = join(root, 'permissions.yaml').replace(`${process.cwd()}/`, '');
    expect(out.lines).toEqual([
      `error: ${file}:${at('- CreateModelVersion')}:9: role model-approvers: no sound IAM policy: …`,
      `error: ${file}:${at('  readers:')}:3: role readers: needs 6 managed policies`,
      `error: ${file}:${at('includes: [readers]')}:16: role model-approvers: inherited`,
      `error: 3 problems in ${file}; nothing was written`,
    ]);
    expect(await listGenerated(root)).toEqual([]);
  });

  it('prints warnings and writes; with --strict they are problems and nothing is written', async () => {
    const root = await project();
    const stage = fakeStage({ warnings: [{ role: 'readers', operation: 'GetRun', message: 'over SigV4 it cannot call GetRun on requests like …' }] });
    const out = capture();
    expect(await runGenerate(['--root', root], out, options(stage))).toBe(0);
    expect(out.lines[0]).toMatch(/^warning: .*permissions\.yaml:\d+:9: role readers: over SigV4 it cannot call GetRun/);
    const before = await snapshot(root);
    const edited = parseDocument(await readFile(join(root, 'permissions.yaml'), 'utf8'));
    expect(edited.getIn(['settings', 'authorizerCacheTtlSeconds'])).not.toBe(60);
    edited.setIn(['settings', 'authorizerCacheTtlSeconds'], 60);
    await writeFile(join(root, 'permissions.yaml'), edited.toString());
    const strict = capture();
    expect(await runGenerate(['--root', root, '--strict'], strict, options(stage))).toBe(1);
    expect(strict.lines).toEqual([expect.stringMatching(/^error: .*permissions\.yaml:\d+:9: role readers: over SigV4/), expect.stringMatching(/^error: 1 problem in .*; nothing was written$/)]);
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses two stages planning one file, and bad usage', async () => {
    const root = await project();
    const twice = capture();
    expect(await runGenerate(['--root', root], twice, { ...options(fakeStage()), stages: [fakeStage(), fakeStage()] })).toBe(2);
    expect(twice.lines).toEqual(['error: internal error: two stages plan generated/fake/roles.txt; nothing was written (AUTHZ_DEBUG=1 shows the stack)']);
    for (const argv of [['--bogus'], ['extra'], ['--full']]) {
      const out = capture();
      expect(await runGenerate(argv, out, options(fakeStage()))).toBe(2);
      expect(out.lines.join('\n')).toMatch(/usage: npm run generate/);
    }
  });

  it('--check --full names what differs from a fresh generation', async () => {
    const root = await project();
    await runGenerate(['--root', root], capture(), options(fakeStage()));
    await writeFile(join(root, 'generated/PERMISSIONS.md'), 'edited by hand\n');
    await writeFile(join(root, 'generated/stray.json'), '{}\n');
    const out = capture();
    expect(await runGenerate(['--root', root, '--check', '--full'], out, options(fakeStage()))).toBe(1);
    expect(out.lines).toEqual([
      expect.stringMatching(/^error: stale: generated\/PERMISSIONS\.md does not match .*permissions\.yaml; run npm run generate$/),
      expect.stringMatching(/^error: stale: generated\/stray\.json is not generated from /),
    ]);
  });
});
