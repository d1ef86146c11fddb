// A raw HTTP client for tests: sends the path exactly as given (fetch would normalise dot segments and escapes).
import { Agent, request } from 'node:http';

/** A response, read whole. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly text: string;
  /** The body as JSON, or undefined. */
  readonly json: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** Sends `method rawPath` to `origin` (`http://127.0.0.1:PORT`) with `headers` and `body`. */
export function send(origin: string, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: url.hostname, port: url.port, method, path: rawPath, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
