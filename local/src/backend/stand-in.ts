import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import { close, listen } from '../http/listen.js';

/** What the stand-in answers for every catalogue route: the operation the request reached. */
export interface StandInEcho {
  readonly standIn: 'mlflow';
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly bodyBytes: number;
}

/** A running stand-in. */
export interface StandIn {
  readonly url: string;
  /** Requests it has received, by operation id (`(none)` for no route). */
  readonly received: () => ReadonlyMap<string, number>;
  readonly close: () => Promise<void>;
}

/**
 * A stand-in for `mlflow server`: routes every request with authz-core's router (MLflow's own matching) and answers
 * 200 with a small JSON echo of the operation reached (404 for no route), so the whole chain can be tried on a
 * fresh machine.
 */
export async function startStandIn(host = '127.0.0.1', port = 0): Promise<StandIn> {
  const router = new Router(CATALOGUE);
  const received = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const route = router.route(method, path);
      const operation = route.kind === 'operation' ? route.operation.id : '(none)';
      received.set(operation, (received.get(operation) ?? 0) + 1);
      if (route.kind !== 'operation') {
        send(res, method, 404, 'application/json', JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: `no MLflow route for ${method} ${path}` }));
      } else {
        const echo: StandInEcho = { standIn: 'mlflow', operation, method, path, bodyBytes };
        send(res, method, 200, 'application/json', JSON.stringify(echo));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  const bound = await listen(server, host, port, 'the MLflow stand-in', 'another port');
  return { url: `http://${host}:${bound}`, received: () => received, close: () => close(server) };
}

function send(res: ServerResponse, method: string, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  res.end(method === 'HEAD' ? undefined : bytes);
}
