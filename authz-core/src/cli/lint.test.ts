import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';

const FIXTURES = new URL('../lint/fixtures/', import.meta.url).pathname;

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
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
