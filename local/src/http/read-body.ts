import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A request body read whole, with its SHA-256 (lower-case hex). */
export interface ReadBody {
  readonly bytes: Buffer;
  readonly sha256: string;
}

/**
 * Reads the body of `req`, at most `limit` bytes: 'too-large' as soon as it is known to exceed that (from
 * Content-Length before reading, or while reading a chunked body), after which the rest is discarded unread.
 * 'aborted' when the client goes away mid-body.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let size = 0;
    let done = false;
    const finish = (result: ReadBody | 'too-large' | 'aborted') => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish('too-large');
        return;
      }
      chunks.push(chunk);
      hash.update(chunk);
    });
    req.on('end', () => finish({ bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') }));
    req.on('aborted', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
  });
}
