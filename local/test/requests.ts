// Gateway requests built by hand, for unit tests of the steps after the HTTP server.
import type { GatewayRequest } from '../src/gateway/incoming.js';
import { decodeQuery } from '../src/sigv4/canonical-query.js';

/** `method path?query` with `headers` as a client would send them, on stage `prod`. */
export function gatewayRequestFor(method: string, pathAndQuery: string, headers: Record<string, string> = {}): GatewayRequest {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const rawQuery = q < 0 ? '' : pathAndQuery.slice(q + 1);
  const lower: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) (lower[k.toLowerCase()] ??= []).push(v);
  return {
    requestId: 'test-request',
    method,
    path,
    stagePath: `/prod${path}`,
    rawQuery,
    query: decodeQuery(rawQuery),
    rawHeaders: Object.entries(headers),
    headers: lower,
    sourceIp: '127.0.0.1',
  };
}
