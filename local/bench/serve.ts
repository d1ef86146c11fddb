// The process the load run measures: local mode (gateway, OIDC provider, authorizer, stand-in) on free ports, its
// access log written to /dev/null (formatted and written as in `npm run local`, not kept). It sends what the load
// generator needs over IPC, and stops on SIGTERM.
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpIntegration } from '../src/backend/proxy.js';
import { gatewayRequest } from '../src/gateway/incoming.js';
import { readBody } from '../src/http/read-body.js';
import { startLocalMode } from '../src/local-mode.js';

const dir = await mkdtemp(join(tmpdir(), 'local-bench-'));
const sink = createWriteStream('/dev/null');
// The UI shell and static files reach the stand-in too (no UI folder), so that every answer has a decision to check.
// The authorizer bundle named on the command line (the test suite's, shared by its files), else a fresh one.
const mode = await startLocalMode({ port: 0, stateDir: dir, authorizerBundle: process.argv[2] ?? join(dir, 'authorizer.mjs'), standInUi: false, accessLog: (line) => sink.write(line + '\n') });
// For scale: the gateway's own HTTP integration as a bare pass-through proxy to the stand-in (no stage, no
// authorization, no access log), so the report can tell the proxy hop's cost from the authorization's.
const integration = new HttpIntegration(mode.standIn?.url ?? '');
const proxy = createServer((req, res) => {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  void readBody(req, 10 * 1024 * 1024).then((body) => {
    if (typeof body === 'string') return void res.writeHead(400).end();
    const request = gatewayRequest(req, 'bench', 'prod', q < 0 ? url : url.slice(0, q), q < 0 ? '' : url.slice(q + 1));
    return integration.forward(request, body.bytes, res);
  });
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
process.send?.({
  proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
  origin: `http://127.0.0.1:${mode.port}`,
  standIn: mode.standIn?.url,
  stage: mode.api.stage,
  region: mode.api.region,
  issuer: mode.oidc.issuer,
  clientId: mode.clientId,
  baseUrl: mode.baseUrl,
  users: mode.users,
  identities: mode.notebookIdentities,
});
process.once('SIGTERM', () => {
  proxy.close();
  integration.close();
  mode.stop().then(() => rm(dir, { recursive: true, force: true })).then(() => process.exit(0));
});
