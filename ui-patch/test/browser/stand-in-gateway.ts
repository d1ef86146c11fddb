// API Gateway + authorizer + MLflow, as far as the browser can tell, for the browser test. Under the stage
// `/prod/`: the UI's index.html and static-files/ and mlflow-login.json are public; every other path needs the
// Cognito-style ID token — `Authorization: Bearer` anywhere, or the token cookie only for the artifact reads
// authz-core lists (the authorizer's contract) — verified against the issuer's key. A denied operation gets 403,
// a token on the test's reject list 401 (as if revoked). Every API request is logged with the credential it used.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { CATALOGUE, COOKIE_METHODS, COOKIE_OPERATIONS, Router, TOKEN_COOKIE_NAME } from '@mlflow-authz/core';
import type { JWK } from 'jose';
import { importJWK, jwtVerify } from 'jose';

/** One API request as the gateway saw and answered it. */
export interface ApiRecord {
  readonly method: string;
  /** The path below the stage, with its query. */
  readonly path: string;
  readonly operation: string | null;
  readonly credential: 'bearer' | 'cookie' | 'none';
  /** Which verified token it was (a digest of it), when one was presented. */
  readonly token: string | null;
  readonly status: number;
  readonly workspace: string | null;
}

export interface GatewayOptions {
  readonly uiDir: string;
  readonly clientId: string;
}

const STAGE = '/prod';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.ico': 'image/x-icon' };
// A 1×1 PNG: what a logged image artifact looks like to <img>.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export class StandInGateway {
  readonly log: ApiRecord[] = [];
  /** Operations whose requests get 403, as a role without them would. */
  readonly denied = new Set<string>(['DeleteExperiment']);
  /** Tokens answered with 401 although they verify (revoked, as far as the test is concerned). */
  readonly rejected = new Set<string>();
  /** What `mlflow-login.json` answers: a document, raw text, or null for 404. */
  config: object | string | null = null;
  base = '';
  readonly #options: GatewayOptions;
  #issuer: { readonly issuer: string; readonly publicJwk: JWK } | null = null;
  readonly #router = new Router(CATALOGUE);
  readonly #server = createServer((req, res) => void this.#handle(req, res));

  constructor(options: GatewayOptions) {
    this.#options = options;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${STAGE}/`;
    return this.base;
  }

  /** The issuer whose ID tokens verify (it needs the gateway's address first, as its redirect URI). */
  trustIssuer(issuer: string, publicJwk: JWK): void {
    this.#issuer = { issuer, publicJwk };
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === STAGE) return send(res, 301, '', { Location: `${STAGE}/${url.search}` });
    if (!url.pathname.startsWith(`${STAGE}/`)) return send(res, 403, '{"message":"Forbidden"}');
    const path = url.pathname.slice(STAGE.length);
    if (path === '/' && req.method === 'GET') return this.#file(res, 'index.html');
    if (path.startsWith('/static-files/')) return this.#file(res, path.slice('/static-files/'.length));
    if (path === '/mlflow-login.json') {
      if (this.config === null) return send(res, 404, '{"message":"Not Found"}');
      return send(res, 200, typeof this.config === 'string' ? this.config : JSON.stringify(this.config), { 'Content-Type': 'application/json' });
    }
    return this.#api(req, res, path, url.search);
  }

  async #api(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    const routed = this.#router.route(method, path);
    const operation = routed.kind === 'operation' ? routed.operation.id : null;
    const authorization = req.headers.authorization;
    const cookie = findCookie(req.headers.cookie ?? '', TOKEN_COOKIE_NAME);
    let credential: ApiRecord['credential'] = 'none';
    let token: string | null = null;
    if (authorization !== undefined) {
      credential = 'bearer';
      token = /^Bearer (\S+)$/.exec(authorization)?.[1] ?? null;
    } else if (cookie !== null && operation !== null && COOKIE_OPERATIONS.has(operation) && COOKIE_METHODS.has(method)) {
      credential = 'cookie';
      token = cookie;
    }
    const verified = token === null ? null : await this.#verify(token);
    const status = verified === null || this.rejected.has(token ?? '') ? 401 : operation === null ? 404 : this.denied.has(operation) ? 403 : 200;
    const workspace = req.headers['x-mlflow-workspace'];
    this.log.push({ method, path: `${path}${search}`, operation, credential, token: verified, status, workspace: typeof workspace === 'string' ? workspace : null });
    req.resume();
    if (status === 401) return send(res, 401, '{"message":"Unauthorized"}');
    if (status === 403) return send(res, 403, '{"Message":"User is not authorized to access this resource with an explicit deny"}');
    if (status === 404) return send(res, 404, '{"error_code":"ENDPOINT_NOT_FOUND"}');
    if (operation === 'serve_artifacts') return send(res, 200, PNG, { 'Content-Type': 'image/png' });
    return send(res, 200, JSON.stringify({ operation }), { 'Content-Type': 'application/json' });
  }

  // The checks the authorizer makes on an ID token from a local issuer: signature, issuer, audience, expiry.
  async #verify(token: string): Promise<string | null> {
    if (this.#issuer === null) return null;
    try {
      const key = await importJWK(this.#issuer.publicJwk, 'RS256');
      await jwtVerify(token, key, { issuer: this.#issuer.issuer, audience: this.#options.clientId, requiredClaims: ['exp', 'sub'] });
      return tokenId(token);
    } catch {
      return null;
    }
  }

  async #file(res: ServerResponse, relativePath: string): Promise<void> {
    const path = normalize(join(this.#options.uiDir, relativePath));
    if (!path.startsWith(this.#options.uiDir + sep)) return send(res, 404, 'not found');
    try {
      send(res, 200, await readFile(path), { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    } catch {
      send(res, 404, 'not found');
    }
  }
}

/** A short name for a token in the logs (its SHA-256, shortened): the test compares tokens by it. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

function findCookie(header: string, name: string): string | null {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}
