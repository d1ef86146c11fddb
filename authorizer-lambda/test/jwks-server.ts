// A JWKS endpoint on 127.0.0.1 with an OS-chosen port, counting its requests.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Jwks } from 'aws-jwt-verify/jwk';

/** A running local JWKS endpoint. */
export interface JwksServer {
  readonly uri: string;
  /** Requests served so far. */
  readonly hits: () => number;
  /** Replaces the JWKS served from now on (key rotation). */
  readonly serve: (jwks: Jwks) => void;
  readonly close: () => Promise<void>;
}

/** Starts serving `jwks` at `http://127.0.0.1:{port}/.well-known/jwks.json`. */
export async function startJwksServer(jwks: Jwks): Promise<JwksServer> {
  let current = jwks;
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(current));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    hits: () => hits,
    serve: (next) => {
      current = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback URI nothing listens on (a port that was just free): fetching it fails at once. */
export async function unreachableJwksUri(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/.well-known/jwks.json`;
}
