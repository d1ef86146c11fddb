import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue/catalogue.js';
import { planGeneratedFiles } from '../generate/plan.js';
import { compilePermissions } from '../permissions/compile.js';
import { MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { main } from './main.js';
import type { Output } from './output.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-project-'));
  await cp(join(ROOT, 'permissions.yaml'), join(dir, 'permissions.yaml'));
  return dir;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(path, await readFile(join(dir, path), 'utf8'));
    }
  };
  await walk('generated');
  return files;
}

describe('authz generate', () => {
  it('the committed generated/ matches the committed permissions.yaml', async () => {
    const source = await readFile(join(ROOT, 'permissions.yaml'), 'utf8');
    const result = compilePermissions(source, CATALOGUE, MLFLOW_VERSION);
    if (!result.ok) throw new Error('permissions.yaml must compile');
    for (const [path, content] of planGeneratedFiles(result.permissions, source, CATALOGUE)) {
      expect(await readFile(join(ROOT, path), 'utf8'), `${path} is stale: run npm run generate`).toBe(content);
    }
  });

  it('writes byte-identical files on a re-run, and --check then passes', async () => {
    const dir = await project();
    const out = capture();
    expect(await main(['generate', '--root', dir], out)).toBe(0);
    expect(out.lines[0]).toMatch(/^wrote 5 files to generated\/ .*3 roles, policy version [0-9a-f]{16}, MLflow /);
    expect(out.lines.join('\n')).toMatch(/area +admins +model-approvers +readers/);
    const first = await snapshot(dir);
    expect(await main(['generate', '--root', dir], capture())).toBe(0);
    expect(await snapshot(dir)).toEqual(first);
    const check = capture();
    expect(await main(['generate', '--check', '--root', dir], check)).toBe(0);
    expect(check.lines).toEqual([expect.stringMatching(/^generated\/ matches .*permissions\.yaml \(policy version [0-9a-f]{16}\)$/)]);
  });

  it('--check names stale and missing files and writes nothing', async () => {
    const dir = await project();
    await main(['generate', '--root', dir], capture());
    await writeFile(join(dir, 'generated/PERMISSIONS.md'), 'edited by hand\n');
    const yaml = await readFile(join(dir, 'permissions.yaml'), 'utf8');
    await writeFile(join(dir, 'permissions.yaml'), yaml.replace('authorizerCacheTtlSeconds: 300', 'authorizerCacheTtlSeconds: 0'));
    const before = await snapshot(dir);
    const out = capture();
    expect(await main(['generate', '--check', '--root', dir], out)).toBe(1);
    expect(out.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error: stale: generated\/PERMISSIONS\.md does not match/),
        expect.stringMatching(/^error: stale: generated\/authorizer\/permissions\.json does not match/),
        expect.stringMatching(/^error: stale: generated\/manifest\.json does not match/),
      ]),
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('writes nothing when permissions.yaml has an error', async () => {
    const dir = await project();
    await main(['generate', '--root', dir], capture());
    const before = await snapshot(dir);
    const yaml = await readFile(join(dir, 'permissions.yaml'), 'utf8');
    await writeFile(join(dir, 'permissions.yaml'), yaml.replace('- CreateModelVersion', '- CreateModelVersoin'));
    const out = capture();
    expect(await main(['generate', '--root', dir], out)).toBe(1);
    expect(out.lines).toContainEqual(expect.stringMatching(/permissions\.yaml:\d+:\d+: roles\.model-approvers\.grants\[\d+\]: unknown operation "CreateModelVersoin" \(did you mean "CreateModelVersion"\?\)/));
    expect(out.lines.at(-1)).toMatch(/1 problem in .*; nothing was written/);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('authz usage', () => {
  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const argv of [[], ['nope'], ['explain'], ['generate', '--bogus'], ['diff', 'one.yaml']]) {
      const out = capture();
      expect(await main(argv, out)).toBe(2);
      expect(out.lines.join('\n')).toMatch(/usage: authz/);
    }
  });
});
