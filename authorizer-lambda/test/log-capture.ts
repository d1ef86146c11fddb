// Captures what the authorizer's Powertools logger writes (it writes to process.stdout/stderr directly).
import type { MockInstance } from 'vitest';
import { vi } from 'vitest';
import type { LineWriter } from '../src/line-writer.js';

/** Lines written to stdout and stderr since `start()`, and a way to stop capturing. */
export interface LogCapture {
  readonly lines: () => string[];
  /** The JSON records of the lines written so far. */
  readonly records: () => Record<string, unknown>[];
  readonly clear: () => void;
  readonly stop: () => void;
}

/** Starts capturing (and silencing) stdout and stderr. */
export function captureLogs(): LogCapture {
  let text = '';
  const spies: MockInstance[] = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      return true;
    }),
  );
  const lines = () => text.split('\n').filter((l) => l !== '');
  return {
    lines,
    records: () => lines().map((l) => JSON.parse(l) as Record<string, unknown>),
    clear: () => {
      text = '';
    },
    stop: () => spies.forEach((s) => s.mockRestore()),
  };
}

/** Decision lines through `process.stdout`, where the capture sees them (the production writer goes to fd 1). */
export const stdoutLineWriter: LineWriter = (line) => {
  process.stdout.write(line);
};
