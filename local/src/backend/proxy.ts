import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Agent, request as httpRequest } from 'node:http';
import type { GatewayRequest } from '../gateway/incoming.js';

/** How the integration ended: the backend's status, or why it could not answer. */
export type IntegrationResult =
  | { readonly kind: 'answered'; readonly status: number; readonly responseLength: number }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

// Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization']);
// Besides: the host is the integration's own, and the body's length is set from the body read.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length']);

/** API Gateway's default integration timeout. */
export const INTEGRATION_TIMEOUT_MS = 29_000;

/**
 * The HTTP_PROXY integration: sends the request (stage removed, query kept) to `backend` and streams the answer
 * back; the caller answers 502/504 when the backend cannot be reached or does not answer in time. Headers pass
 * through except hop-by-hop ones and those in `drop` (API Gateway drops a SigV4 `Authorization` header).
 */
export class HttpIntegration {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 128 });
  private readonly base: URL;

  constructor(
    backend: string,
    private readonly timeoutMs: number = INTEGRATION_TIMEOUT_MS,
  ) {
    this.base = new URL(backend.endsWith('/') ? backend.slice(0, -1) : backend);
  }

  /** The backend's origin and path prefix. */
  get url(): string {
    return this.base.href;
  }

  forward(request: GatewayRequest, body: Buffer, res: ServerResponse, drop: ReadonlySet<string> = new Set()): Promise<IntegrationResult> {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of request.rawHeaders) {
      const lower = name.toLowerCase();
      if (NOT_FORWARDED.has(lower) || drop.has(lower)) continue;
      (headers[name] ??= []).push(value);
    }
    headers['X-Forwarded-For'] = [request.sourceIp];
    headers['X-Amzn-RequestId'] = [request.requestId];
    if (body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(request.method)) headers['Content-Length'] = [String(body.length)];
    const prefix = this.base.pathname === '/' ? '' : this.base.pathname.replace(/\/$/, '');
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: IntegrationResult) => {
        if (!settled) {
          settled = true;
          resolve(result);
        }
      };
      const upstream = httpRequest(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method: request.method,
          path: `${prefix}${request.path}${request.rawQuery === '' ? '' : `?${request.rawQuery}`}`,
          headers,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, passThrough(answer.headers));
          let length = 0;
          answer.on('data', (chunk: Buffer) => (length += chunk.length));
          answer.pipe(res);
          answer.on('end', () => settle({ kind: 'answered', status: answer.statusCode ?? 502, responseLength: length }));
          answer.on('error', () => settle({ kind: 'aborted' }));
        },
      );
      upstream.on('timeout', () => {
        upstream.destroy();
        settle({ kind: 'timeout' });
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => settle(res.headersSent ? { kind: 'aborted' } : { kind: 'unreachable', detail: error.code ?? error.message }));
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function passThrough(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}
