// Another origin for the browser test: records whether any request (or CORS preflight) it gets carries or asks
// for an Authorization header; stands in for Cognito's /logout (records the query, sends the browser back to
// logout_uri); serves a blank page on which the test probes cookie rules.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThirdPartyRecord {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  /** A preflight's Access-Control-Request-Headers. */
  readonly requestedHeaders: string | null;
  readonly cookie: string | null;
}

export class ThirdParty {
  readonly log: ThirdPartyRecord[] = [];
  origin = '';
  readonly #server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://third-party');
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
    this.log.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, authorization: header('authorization'), requestedHeaders: header('access-control-request-headers'), cookie: header('cookie') });
    if (url.pathname === '/logout') {
      res.writeHead(302, { Location: url.searchParams.get('logout_uri') ?? '/' });
      res.end();
      return;
    }
    if (url.pathname === '/page') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>probe</title>');
      return;
    }
    // Lets any origin send any header, so that an Authorization header, were one added, would arrive here.
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': header('access-control-request-headers') ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
      'Content-Type': 'application/json',
    });
    res.end('{"third":"party"}');
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.origin;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
