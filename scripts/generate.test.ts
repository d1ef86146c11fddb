// `npm run generate` end to end: the committed generated/ is what the pipeline makes of the committed
// permissions.yaml (generated afresh by the suite's global setup: what the fast, hash-only --check relies on; the
// in-memory `--check --full` is authz-core/src/cli/pipeline.test.ts's), the fast --check, and the
// role files that used to crash generation, run as a user runs them (node scripts/generate.mjs, bundled, threads).
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generatedProject } from '@mlflow-authz/test/projects';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from './generate-pipeline.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function project(yaml?: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'generate-'));
  roots.push(root);
  if (yaml === undefined) await cp(join(PROJECT_DIR, 'permissions.yaml'), join(root, 'permissions.yaml'));
  else await writeFile(join(root, 'permissions.yaml'), yaml);
  return root;
}

/** Runs `node scripts/generate.mjs ARGS` as `npm run generate -- ARGS` does. */
function generate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(PROJECT_DIR, 'scripts', 'generate.mjs'), ...args], { encoding: 'utf8', cwd: PROJECT_DIR, timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Every file below `dir`, by path relative to it (sorted), with its bytes. */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
  return new Map(await Promise.all(paths.sort().map(async (path) => [path, await readFile(join(dir, path))] as const)));
}

describe('npm run generate', () => {
  it('the committed generated/ is byte for byte what the pipeline makes of the committed permissions.yaml', async () => {
    // The suite's global setup ran `npm run generate` on a copy of the committed permissions.yaml in a folder of its
    // own (test/support/global-setup.ts): every file it wrote, and only those, must be the committed ones.
    const fresh = await filesUnder(join(generatedProject('permissions.yaml').root, 'generated'));
    const committed = await filesUnder(join(PROJECT_DIR, 'generated'));
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    expect([...fresh.keys()]).toContain('manifest.json');
    expect([...fresh].filter(([path, bytes]) => !bytes.equals(committed.get(path) as Buffer)).map(([path]) => path)).toEqual([]);
  });

  it('--check compares hashes only, and names what changed since generated/ was written', async () => {
    expect(generate('--check')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^generated\/ matches permissions\.yaml \(policy version [0-9a-f]{16}; checked by hash\)\n$/) });
    const root = await project();
    await cp(join(PROJECT_DIR, 'generated'), join(root, 'generated'), { recursive: true });
    expect(generate('--check', '--root', root).status).toBe(0);
    await writeFile(join(root, 'permissions.yaml'), `${await readFile(join(root, 'permissions.yaml'), 'utf8')}# a comment\n`);
    await writeFile(join(root, 'generated', 'iam', 'SIZES.md'), 'edited by hand\n');
    await writeFile(join(root, 'generated', 'stray.json'), '{}\n');
    const manifest = JSON.parse(await readFile(join(root, 'generated', 'manifest.json'), 'utf8'));
    manifest.generator.sources['authz-core/src/router/router.ts'] = '0'.repeat(64);
    await writeFile(join(root, 'generated', 'manifest.json'), JSON.stringify(manifest));
    const stale = generate('--check', '--root', root);
    expect(stale.status).toBe(1);
    expect(lines(stale.stderr)).toEqual([
      expect.stringMatching(/^error: stale: .*permissions\.yaml changed since generated\/ was written; run npm run generate$/),
      'error: stale: generator source authz-core/src/router/router.ts changed; run npm run generate',
      'error: stale: generated/iam/SIZES.md was changed by hand; run npm run generate',
      'error: stale: generated/stray.json is not a generated file; run npm run generate',
    ]);
    const empty = await project();
    expect(lines(generate('--check', '--root', empty).stderr)).toEqual(['error: stale: generated/manifest.json is missing or unreadable; run npm run generate']);
    expect(generate('--check', '--bogus').status).toBe(2);
  });

  it('generates the role files that used to crash, with the SigV4 exception declared; --strict refuses them in one line', async () => {
    const yaml = `version: 1
settings: { mlflowVersion: "3.15.0" }
roles:
  gateway-invokers:
    description: Invoke gateway endpoints only.
    grants: [invocations]
    bindings: { cognitoGroups: [gateway-invokers] }
    ignoreWarnings: [ui-unloadable, write-without-read]
  gateway-proxy:
    description: The raw proxy only.
    grants: [raw_proxy]
    bindings: { cognitoGroups: [gateway-proxy] }
    ignoreWarnings: [ui-unloadable, write-without-read]
  dataset-curators:
    description: Datasets without deleting their records.
    grants: [DeleteDataset, DeleteDatasetTag, GetDataset]
    bindings: { cognitoGroups: [dataset-curators], sagemakerUserProfiles: [curator] }
    ignoreWarnings: [ui-unloadable]
`;
    const root = await project(yaml);
    const run = generate('--root', root);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/permissions\.yaml:16:29: role dataset-curators: over SigV4 it cannot call DeleteDatasetTag with key "records" \(e\.g\. DELETE \/api\/3\.0\/mlflow\/datasets\/x\/tags\/records\): .* Fix: also grant DeleteDatasetRecords, or also deny DeleteDatasetTag$/),
      expect.stringMatching(/^warning: 1 warning in .*permissions\.yaml \(authz lint lists the lint ones; --strict makes every warning a problem/),
    ]);
    expect(run.stderr.startsWith('warning: ')).toBe(true);
    const md = await readFile(join(root, 'generated', 'PERMISSIONS.md'), 'utf8');
    expect(md).toContain('| `dataset-curators` | DeleteDatasetTag with key "records" | `DELETE /api/3.0/mlflow/datasets/x/tags/records` | `DELETE/api/3.0/mlflow/datasets/*/records` | `DeleteDatasetRecords` |');
    expect(generate('--check', '--root', root).status).toBe(0);

    const strictRoot = await project(yaml);
    const strict = generate('--root', strictRoot, '--strict');
    expect(strict.status).toBe(1);
    expect(lines(strict.stderr)).toEqual([
      expect.stringMatching(/^error: .*permissions\.yaml:16:29: role dataset-curators: over SigV4 it cannot call DeleteDatasetTag/),
      expect.stringMatching(/^error: 1 problem in .*permissions\.yaml; nothing was written$/),
    ]);
    expect(generate('--check', '--root', strictRoot).status).toBe(1);
  }, 300_000);

  it('prints the lint warnings, which do not stop it; --strict makes them problems and writes nothing', async () => {
    const mistakes = await readFile(new URL('../authz-core/src/lint/fixtures/mistakes.yaml', import.meta.url), 'utf8');
    const root = await project(mistakes);
    const run = generate('--root', root);
    expect(run.status, run.stderr).toBe(0);
    const warnings = lines(run.stderr);
    expect(warnings).toHaveLength(8);
    expect(warnings[0]).toMatch(/^warning: .*permissions\.yaml:6:3: role viewers: .* \[ui-unloadable\]$/);
    expect(warnings.at(-1)).toMatch(/^warning: 7 warnings in .*permissions\.yaml \(authz lint lists the lint ones/);
    expect(generate('--check', '--root', root).status).toBe(0);

    const strictRoot = await project(mistakes);
    const strict = generate('--root', strictRoot, '--strict');
    expect(strict.status).toBe(1);
    expect(lines(strict.stderr).at(-1)).toMatch(/^error: 7 problems in .*; nothing was written$/);
    expect(generate('--check', '--root', strictRoot).status).toBe(1);

    const clean = await project(await readFile(new URL('../authz-core/src/lint/fixtures/clean.yaml', import.meta.url), 'utf8'));
    const quiet = generate('--root', clean, '--strict');
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  }, 300_000);

  it('answers a broken file with one line per problem and no stack trace, writing nothing', async () => {
    const root = await project('version: 1\nsettings: { mlflowVersion: "3.15.0" }\nroles:\n  r:\n    description: x\n    grants: [GetRun]\n    deny: [serve]\n');
    const run = generate('--root', root);
    expect(run.status).toBe(1);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/permissions\.yaml:7:12: roles\.r\.deny\[0\]: serve is public: anyone may call it/),
      expect.stringMatching(/^error: 1 problem in .*; nothing was written$/),
    ]);
  }, 120_000);
});
