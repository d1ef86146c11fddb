import { request } from 'node:http';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleFetcher } from 'aws-jwt-verify/https';
import { isLoopbackHttp } from './config.js';

const TIMEOUT_MS = 3000;
const MAX_BYTES = 1 << 20;

/**
 * aws-jwt-verify's fetcher, plus plain HTTP for a JWKS served on this machine (a local OIDC issuer). Used only in
 * `oidc` mode; any other `http:` URI is refused, and HTTPS goes to the library's own `SimpleFetcher`.
 */
export class LoopbackHttpFetcher implements Fetcher {
  private readonly https = new SimpleFetcher();

  /** Fetches `uri`; resolves with the body of a 200 response, rejects with aws-jwt-verify's `FetchError`s. */
  fetch(uri: string, requestOptions?: Record<string, unknown>, data?: ArrayBuffer): Promise<ArrayBuffer> {
    if (!uri.startsWith('http:')) return this.https.fetch(uri, requestOptions, data);
    if (!isLoopbackHttp(uri)) return Promise.reject(new NonRetryableFetchError(uri, 'plain http only for a loopback host'));
    return getLoopback(uri);
  }
}

// A fresh connection each time (`agent: false`): fetches are rare, and Node's default agent keeps sockets alive,
// so a fetch long after the last could reuse one the server has closed meanwhile and fail (ECONNRESET).
function getLoopback(uri: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const req = request(uri, { method: 'GET', timeout: TIMEOUT_MS, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new NonRetryableFetchError(uri, `Status code is ${response.statusCode}, expected 200`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          req.destroy();
          reject(new NonRetryableFetchError(uri, 'JWKS response too large'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      });
      response.on('error', (err) => reject(new FetchError(uri, err.message)));
    });
    req.on('timeout', () => req.destroy(new Error(`no response within ${TIMEOUT_MS} ms`)));
    req.on('error', (err) => reject(new FetchError(uri, err.message)));
    req.end();
  });
}
