import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import { close, listen } from '../http/listen.js';
import { artifactSvg, wantsArtifactImage } from './artifact-image.js';
import type { StoredArtifact } from './mlflow-artifacts.js';
import { ARTIFACT_WRITES, ArtifactProxy } from './mlflow-artifacts.js';
import type { ObjectStore } from './object-store.js';
import { startObjectStore } from './object-store.js';

/** What the stand-in answers for every catalogue route: the operation the request reached. */
export interface StandInEcho {
  readonly standIn: 'mlflow';
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly bodyBytes: number;
  /** The SHA-256 (hex) of the body received, so that a client can tell its bytes arrived unchanged. */
  readonly bodySha256: string;
}

/** A running stand-in. */
export interface StandIn {
  readonly url: string;
  /** Requests it has received, by operation id (`(none)` for no route). */
  readonly received: () => ReadonlyMap<string, number>;
  /** Artifacts written through its artifact proxy, by path below the artifact root. */
  readonly artifacts: () => ReadonlyMap<string, StoredArtifact>;
  /** The object store its multipart uploads go to (outside the gateway, as S3 is). */
  readonly objectStore: ObjectStore;
  readonly close: () => Promise<void>;
}

// The multipart requests are small JSON documents, read whole; other bodies are only counted and hashed.
const MAX_KEPT_BODY = 1024 * 1024;

/**
 * A stand-in for `mlflow server --serve-artifacts`: routes every request with authz-core's router (MLflow's own
 * matching) and answers 200 with a small JSON echo of the operation reached (404 for no route), so the whole chain
 * can be tried on a fresh machine. Its artifact proxy is real enough for a client's uploads: proxied uploads are
 * recorded, and the multipart upload hands out part URLs to an object store of its own (mlflow-artifacts.ts). An
 * artifact read for an `<img>` gets a picture.
 */
export async function startStandIn(host = '127.0.0.1', port = 0): Promise<StandIn> {
  const router = new Router(CATALOGUE);
  const received = new Map<string, number>();
  const objectStore = await startObjectStore(host);
  const artifacts = new ArtifactProxy(objectStore);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const route = router.route(method, path);
    const operation = route.kind === 'operation' ? route.operation.id : '(none)';
    const keep = ARTIFACT_WRITES.has(operation) && operation !== 'UploadArtifact' ? ([] as Buffer[]) : undefined;
    const hash = createHash('sha256');
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      hash.update(chunk);
      if (keep !== undefined && bodyBytes <= MAX_KEPT_BODY) keep.push(chunk);
    });
    req.on('end', () => {
      received.set(operation, (received.get(operation) ?? 0) + 1);
      const echo: StandInEcho = { standIn: 'mlflow', operation, method, path, bodyBytes, bodySha256: hash.digest('hex') };
      answer(res, echo, route.kind === 'operation', req.headers['accept'], keep).catch(() => {
        if (!res.headersSent) send(res, method, 500, 'application/json', JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'the stand-in failed' }));
      });
    });
  });

  async function answer(res: ServerResponse, echo: StandInEcho, routed: boolean, accept: string | undefined, kept: Buffer[] | undefined): Promise<void> {
    const { method, operation, path } = echo;
    if (!routed) {
      send(res, method, 404, 'application/json', JSON.stringify({ error_code: 'ENDPOINT_NOT_FOUND', message: `no MLflow route for ${method} ${path}` }));
      return;
    }
    if (wantsArtifactImage(operation, method, accept)) {
      send(res, method, 200, 'image/svg+xml', artifactSvg(operation));
      return;
    }
    const text = kept === undefined || echo.bodyBytes > MAX_KEPT_BODY ? undefined : Buffer.concat(kept).toString('utf8');
    const mlflow = ARTIFACT_WRITES.has(operation) ? await artifacts.handle(operation, path, { bytes: echo.bodyBytes, sha256: echo.bodySha256, ...(text === undefined ? {} : { text }) }) : undefined;
    if (mlflow !== undefined && mlflow.status !== 200) send(res, method, mlflow.status, 'application/json', JSON.stringify(mlflow.body));
    else send(res, method, 200, 'application/json', JSON.stringify({ ...echo, ...mlflow?.body }));
  }

  server.keepAliveTimeout = 65_000;
  let bound: number;
  try {
    bound = await listen(server, host, port, 'the MLflow stand-in', 'another port');
  } catch (error) {
    await objectStore.close();
    throw error;
  }
  return {
    url: `http://${host}:${bound}`,
    received: () => received,
    artifacts: () => artifacts.stored,
    objectStore,
    close: async () => {
      await close(server);
      await objectStore.close();
    },
  };
}

function send(res: ServerResponse, method: string, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  res.end(method === 'HEAD' ? undefined : bytes);
}
