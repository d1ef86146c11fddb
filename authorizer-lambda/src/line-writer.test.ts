import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FdWrites } from './line-writer.js';
import { fdLineWriter } from './line-writer.js';

describe('fdLineWriter', () => {
  it('writes each line whole to the descriptor, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'line-writer-'));
    const fd = openSync(join(dir, 'log'), 'w');
    try {
      const write = fdLineWriter(fd);
      write('{"a":1}\n');
      write('{"b":"é\u{1f600}"}\n');
      expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('{"a":1}\n{"b":"é\u{1f600}"}\n');
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands what a refused or short write left over to the fallback, byte-exact, and never throws', () => {
    // A descriptor that takes a few bytes at a time, then fails (EAGAIN, EPIPE, EBADF) or reports 0 bytes.
    const step = fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constantFrom('EAGAIN', 'EPIPE', 'EBADF', 0));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.array(step, { maxLength: 6 }), (text, steps) => {
        const line = `${text}\n`;
        const all = Buffer.from(line, 'utf8');
        const written: Uint8Array[] = [];
        let call = 0;
        const take = (bytes: Uint8Array, offset: number): number => {
          const s = call < steps.length ? steps[call++] : 1000;
          if (typeof s === 'string') throw Object.assign(new Error(s), { code: s });
          const chunk = bytes.subarray(offset, offset + (s as number));
          written.push(chunk);
          return chunk.length;
        };
        const fs: FdWrites = { writeString: (_fd, text) => take(Buffer.from(text, 'utf8'), 0), writeBytes: (_fd, bytes, offset) => take(bytes, offset) };
        const rest: Uint8Array[] = [];
        expect(() => fdLineWriter(9, fs, (r) => rest.push(Buffer.from(r)))(line)).not.toThrow();
        expect(Buffer.concat([...written, ...rest])).toEqual(all);
      }),
      { numRuns: 500 },
    );
  });

  it('swallows a failing fallback too', () => {
    const fail = (): number => {
      throw new Error('EBADF');
    };
    const fs: FdWrites = { writeString: fail, writeBytes: fail };
    expect(() =>
      fdLineWriter(9, fs, () => {
        throw new Error('closed');
      })('x\n'),
    ).not.toThrow();
  });
});
