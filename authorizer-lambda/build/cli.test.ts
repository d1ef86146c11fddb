import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { PATTERN_TABLE_FILE } from './paths.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function capture() {
  const lines: string[] = [];
  return { lines, info: (l: string) => lines.push(l), error: (l: string) => lines.push(`error: ${l}`) };
}

describe('authorizer-patterns generate', () => {
  it('--check passes on the committed generated/ and names a stale pattern table', async () => {
    expect(await main(['generate', '--check', '--root', ROOT], capture())).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'patterns-'));
    await mkdir(join(dir, 'generated/authorizer'), { recursive: true });
    await cp(join(ROOT, 'generated/authorizer/permissions.json'), join(dir, 'generated/authorizer/permissions.json'));
    await writeFile(join(dir, PATTERN_TABLE_FILE), '{}\n');
    const out = capture();
    expect(await main(['generate', '--check', '--root', dir], out)).toBe(1);
    expect(out.lines).toEqual([`error: stale: ${PATTERN_TABLE_FILE} does not match generated/authorizer/permissions.json; run npm run generate`]);
    expect(await main(['generate', '--root', dir], capture())).toBe(0);
    expect(await readFile(join(dir, PATTERN_TABLE_FILE), 'utf8')).toBe(await readFile(join(ROOT, PATTERN_TABLE_FILE), 'utf8'));
  }, 60_000);

  it('answers bad usage and a missing input with exit 2', async () => {
    expect(await main(['build'], capture())).toBe(2);
    expect(await main(['generate', '--bogus'], capture())).toBe(2);
    expect(await main(['generate', '--root', await mkdtemp(join(tmpdir(), 'empty-'))], capture())).toBe(2);
  });
});
