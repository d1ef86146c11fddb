import type { IncomingMessage } from 'node:http';
import { decodeQuery } from '../sigv4/canonical-query.js';

/** A request as API Gateway sees it once the stage is taken off: what every later step reads. */
export interface GatewayRequest {
  readonly requestId: string;
  readonly method: string;
  /** The path after the stage, as received (percent-encoded), starting with `/`. */
  readonly path: string;
  /** The path with the stage, as the client sent it (what SigV4 signs; `$context.path`). */
  readonly stagePath: string;
  /** The query string without `?`, as received. */
  readonly rawQuery: string;
  /** Decoded query parameters (`+` as space), undefined when an escape is undecodable. */
  readonly query: Readonly<Record<string, readonly string[]>> | undefined;
  /** Header names as the client wrote them, with their values in order. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  /** Lower-case header name → values. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly sourceIp: string;
}

/** Reads the parts of `req` the gateway needs; `stage` is the stage name, `path` the part after it. */
export function gatewayRequest(req: IncomingMessage, requestId: string, stage: string, path: string, rawQuery: string): GatewayRequest {
  const rawHeaders: (readonly [string, string])[] = [];
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    rawHeaders.push([name, value]);
    (headers[name.toLowerCase()] ??= []).push(value);
  }
  return {
    requestId,
    method: req.method ?? 'GET',
    path,
    stagePath: `/${stage}${path}`,
    rawQuery,
    query: decodeQuery(rawQuery),
    rawHeaders,
    headers,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
  };
}
