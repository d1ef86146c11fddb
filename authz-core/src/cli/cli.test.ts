import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Output } from './output.js';

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

describe('authz generate', () => {
  it('points at npm run generate, which writes generated/ as a whole', async () => {
    const out = capture();
    expect(await main(['generate'], out)).toBe(2);
    expect(out.lines).toEqual([expect.stringMatching(/^error: generated\/ is written as a whole by `npm run generate`/)]);
  });
});

describe('authz usage', () => {
  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const argv of [[], ['nope'], ['explain'], ['diff', 'one.yaml']]) {
      const out = capture();
      expect(await main(argv, out)).toBe(2);
      expect(out.lines.join('\n')).toMatch(/usage: authz/);
    }
  });
});
