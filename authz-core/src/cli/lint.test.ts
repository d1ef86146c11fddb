import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';

const FIXTURES = new URL('../lint/fixtures/', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

async function projectWith(fixture: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-lint-'));
  await cp(join(FIXTURES, fixture), join(dir, 'permissions.yaml'));
  return dir;
}

describe('authz lint', () => {
  it('prints one line per warning and a count; exits 1 only with --strict', async () => {
    const file = join(FIXTURES, 'mistakes.yaml');
    const out = capture();
    expect(await main(['lint', '--file', file], out)).toBe(0);
    expect(out.lines).toHaveLength(8);
    for (const line of out.lines.slice(0, 7)) expect(line).toMatch(new RegExp(`^${file}:\\d+:\\d+: role [a-z-]+: .+ \\[[a-z0-9-]+\\]$`));
    expect(out.lines.at(-1)).toBe(`7 warnings in ${file}`);
    expect(await main(['lint', '--strict', '--file', file], capture())).toBe(1);
  });

  it('says so when there is nothing to warn about', async () => {
    const file = join(FIXTURES, 'clean.yaml');
    const out = capture();
    expect(await main(['lint', '--strict', '--file', file], out)).toBe(0);
    expect(out.lines).toEqual([`no warnings in ${file}`]);
  });

  it('answers bad usage with exit 2 and its usage, and a missing file with exit 1', async () => {
    const out = capture();
    expect(await main(['lint', '--fiel', 'x.yaml'], out)).toBe(2);
    expect(out.lines[0]).toMatch(/^error: unknown flag --fiel \(did you mean --file\?\)\nusage: authz lint /);
    const missing = capture();
    expect(await main(['lint', '--file', '/nonexistent/permissions.yaml'], missing)).toBe(1);
    expect(missing.lines).toEqual(['error: /nonexistent/permissions.yaml: cannot read: ENOENT']);
  });
});

describe('authz generate prints the lint warnings', () => {
  it('as warnings that do not stop it', async () => {
    const dir = await projectWith('mistakes.yaml');
    const out = capture();
    expect(await main(['generate', '--root', dir], out)).toBe(0);
    const warnings = out.lines.filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(8);
    expect(warnings[0]).toMatch(/^warning: .*permissions\.yaml:6:3: role viewers: .* \[ui-unloadable\]$/);
    expect(warnings.at(-1)).toMatch(/^warning: 7 warnings in .*permissions\.yaml \(authz lint lists them; --strict makes them errors/);
    expect(await readdir(join(dir, 'generated'))).toContain('manifest.json');
  });

  it('as errors with --strict, writing nothing', async () => {
    const dir = await projectWith('mistakes.yaml');
    const out = capture();
    expect(await main(['generate', '--strict', '--root', dir], out)).toBe(1);
    expect(out.lines.at(-1)).toMatch(/^error: 7 warnings in .*; --strict makes them errors: nothing was written$/);
    expect(await readdir(dir)).toEqual(['permissions.yaml']);
  });

  it('and nothing at all for a file without warnings, even with --strict', async () => {
    const dir = await projectWith('clean.yaml');
    const out = capture();
    expect(await main(['generate', '--strict', '--root', dir], out)).toBe(0);
    expect(out.lines.filter((l) => l.startsWith('warning: ') || l.startsWith('error: '))).toEqual([]);
  });
});
