// The HTTP integration in front of a user's MLflow (--mlflow-url): what the backend receives.
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const received: Received[] = [];
const backend = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    res.writeHead(201, { 'content-type': 'text/plain', 'x-backend': 'yes' }).end('from the backend');
  });
});
let local: TestLocalMode;

beforeAll(async () => {
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  local = await startTestLocalMode({ mlflowUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/mlflow/` });
}, 120_000);
afterAll(async () => {
  await local?.stop();
  backend.close();
});

describe('the HTTP integration', () => {
  it('forwards an allowed browser request under the backend URL’s path, with its query, headers and body, and returns the answer as is', async () => {
    const token = await local.tokenOf('admins');
    const response = await local.browser(token, 'POST', '/ajax-api/2.0/mlflow/runs/create?a=1&b=%20x', '{"experiment_id":"0"}', { 'content-type': 'application/json', 'x-mlflow-workspace': 'team-a' });
    expect(response.status).toBe(201);
    expect(response.text).toBe('from the backend');
    expect(response.headers['x-backend']).toBe('yes');
    const last = received.at(-1) as Received;
    expect(last).toMatchObject({ method: 'POST', url: '/mlflow/ajax-api/2.0/mlflow/runs/create?a=1&b=%20x', body: '{"experiment_id":"0"}' });
    expect(last.headers).toMatchObject({ authorization: `Bearer ${token}`, 'x-mlflow-workspace': 'team-a', host: `127.0.0.1:${(backend.address() as AddressInfo).port}`, 'x-forwarded-for': '127.0.0.1' });
  });

  it('drops the SigV4 Authorization header, as API Gateway does', async () => {
    const response = await local.signed(local.identityOf('admins'), 'GET', '/api/2.0/mlflow/experiments/get?experiment_id=0');
    expect(response.status).toBe(201);
    const last = received.at(-1) as Received;
    expect(last.url).toBe('/mlflow/api/2.0/mlflow/experiments/get?experiment_id=0');
    expect(last.headers['authorization']).toBeUndefined();
    expect(last.headers['x-amz-date']).toBeDefined();
  });

  it('sends nothing to the backend for a refused request', async () => {
    const before = received.length;
    await local.browser(undefined, 'GET', '/ajax-api/2.0/mlflow/experiments/get');
    await local.browser(await local.tokenOf('readers'), 'POST', '/ajax-api/2.0/mlflow/experiments/create', '{}');
    await local.signed(local.identityOf('readers'), 'POST', '/api/2.0/mlflow/experiments/create', '{}');
    expect(received.length).toBe(before);
  });
});
