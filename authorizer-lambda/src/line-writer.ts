import { writeSync } from 'node:fs';

/** Where the decision lines go: one call per line, the line with its newline. Never throws. */
export type LineWriter = (line: string) => void;

/** The part of node:fs the fd writer uses (replaced in tests). */
export interface FdWrites {
  writeString(fd: number, text: string): number;
  writeBytes(fd: number, bytes: Uint8Array, offset: number): number;
}

const NODE_FD_WRITES: FdWrites = {
  writeString: (fd, text) => writeSync(fd, text),
  writeBytes: (fd, bytes, offset) => writeSync(fd, bytes, offset),
};

/**
 * A writer straight to a file descriptor (fd 1: the Lambda function's log) with one `writeSync`, skipping
 * `process.stdout`'s stream machinery on every request. Should the descriptor refuse or cut a write (a full
 * non-blocking pipe, a closed descriptor), the rest goes to `fallback` (by default `process.stdout`, which queues
 * it) and nothing is thrown: a log line must never turn into a failed request.
 */
export function fdLineWriter(
  fd: number = 1,
  fs: FdWrites = NODE_FD_WRITES,
  fallback: (rest: Uint8Array) => void = (rest) => void process.stdout.write(rest),
): LineWriter {
  return (line) => {
    let written = 0;
    try {
      written = fs.writeString(fd, line);
      // An ASCII line (every line, in practice) is whole when as many bytes as characters went out.
      if (written === line.length && written === Buffer.byteLength(line)) return;
    } catch {
      // Nothing went out; all of it is handed on below.
    }
    const bytes = Buffer.from(line, 'utf8');
    try {
      while (written < bytes.length) {
        const n = fs.writeBytes(fd, bytes, written);
        if (n <= 0) break;
        written += n;
      }
    } catch {
      // What is left is handed on below.
    }
    if (written < bytes.length) {
      try {
        fallback(bytes.subarray(written));
      } catch {
        // Nowhere else to write it.
      }
    }
  };
}
