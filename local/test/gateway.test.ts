// The local gateway over the wire, in front of the stand-in: public routes, the browser surface through the real
// authorizer bundle, the /api/ surface through SigV4 and the generated IAM documents, the access log, the limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';
import { send } from './http.js';

let local: TestLocalMode;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  local = await startTestLocalMode();
  for (const user of local.mode.users) tokens[user.username] = await local.tokenOf(user.username);
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

const READ = '/ajax-api/2.0/mlflow/experiments/get?experiment_id=0';
const WRITE = '/ajax-api/2.0/mlflow/experiments/create';
const API_READ = '/api/2.0/mlflow/experiments/get?experiment_id=0';
const API_WRITE = '/api/2.0/mlflow/experiments/create';

describe('public routes', () => {
  it('serve the UI shell, static files and the login configuration without a token', async () => {
    const shell = await local.browser(undefined, 'GET', '/');
    expect(shell.status).toBe(200);
    expect(shell.json).toMatchObject({ standIn: 'mlflow', operation: 'serve' });
    expect((await local.browser(undefined, 'GET', '/static-files/static/js/main.0123abcd.js')).json).toMatchObject({ operation: 'serve_static_file' });
    const config = await local.browser(undefined, 'GET', '/mlflow-login.json');
    expect(config.json).toEqual({
      version: 1,
      authority: local.mode.oidc.issuer,
      clientId: 'mlflow-local-ui',
      redirectUri: local.mode.baseUrl,
      postLogoutRedirectUri: local.mode.baseUrl,
      scope: 'openid email profile',
    });
    const viaLocalhost = await send(local.origin, 'GET', '/prod/mlflow-login.json', { host: `localhost:${local.mode.port}` });
    expect((viaLocalhost.json as { redirectUri: string }).redirectUri).toBe(`http://localhost:${local.mode.port}/prod/`);
  });

  it('redirect the bare stage to its slash, and refuse other stages', async () => {
    const bare = await send(local.origin, 'GET', '/prod');
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe('/prod/');
    expect((await send(local.origin, 'GET', '/dev/')).status).toBe(403);
    expect((await send(local.origin, 'GET', '/')).status).toBe(403);
  });

  it('are GET only: a POST to / goes through the authorizer', async () => {
    expect((await local.browser(undefined, 'POST', '/')).status).toBe(401);
  });
});

describe('the browser surface', () => {
  it('needs a token: none → 401 without the authorizer, a forged one → 401', async () => {
    expect((await local.browser(undefined, 'GET', READ)).status).toBe(401);
    expect((await local.browser('not.a.jwt', 'GET', READ)).status).toBe(401);
    const [h, p] = (tokens['readers'] as string).split('.');
    expect((await local.browser(`${h}.${p}.${'A'.repeat(342)}`, 'GET', READ)).status).toBe(401);
  });

  it('lets each demo user do what their role grants, and nothing else', async () => {
    const read = await local.browser(tokens['readers'], 'GET', READ);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ standIn: 'mlflow', operation: 'GetExperiment' });
    const denied = await local.browser(tokens['readers'], 'POST', WRITE, '{"name":"x"}', { 'content-type': 'application/json' });
    expect(denied.status).toBe(403);
    expect(denied.json).toHaveProperty('Message');
    expect((await local.browser(tokens['model-approvers'], 'POST', WRITE, '{}')).status).toBe(403);
    expect((await local.browser(tokens['model-approvers'], 'POST', '/ajax-api/2.0/mlflow/registered-models/create', '{"name":"m"}')).json).toMatchObject({ operation: 'CreateRegisteredModel' });
    const write = await local.browser(tokens['admins'], 'POST', WRITE, '{"name":"x"}');
    expect(write.status).toBe(200);
    expect(write.json).toMatchObject({ operation: 'CreateExperiment', bodyBytes: 12 });
  });

  it('takes the cookie on the cookie routes only, where the bearer alone is refused before the authorizer', async () => {
    const cookie = { cookie: `__Host-mlflow-token=${tokens['readers']}` };
    const artifact = '/get-artifact?path=model/MLmodel&run_uuid=0';
    expect((await local.browser(undefined, 'GET', artifact, undefined, cookie)).json).toMatchObject({ operation: 'serve_artifacts' });
    expect((await local.browser(tokens['readers'], 'GET', artifact)).status).toBe(401);
    expect((await local.browser(undefined, 'GET', READ, undefined, cookie)).status).toBe(401);
  });

  it('denies the /api/ surface to browser tokens (it is SigV4 only)', async () => {
    const response = await local.browser(tokens['admins'], 'GET', API_READ);
    expect(response.status).toBe(403);
    expect((response.json as { message: string }).message).toMatch(/Authorization header is not a SigV4 signature/);
  });
});

describe('the /api/ surface', () => {
  it('accepts SigV4 from each bound identity and decides with its role’s IAM documents', async () => {
    const reader = local.identityOf('readers');
    const read = await local.signed(reader, 'GET', API_READ);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ operation: 'GetExperiment' });
    const denied = await local.signed(reader, 'POST', API_WRITE, '{"name":"x"}');
    expect(denied.status).toBe(403);
    expect((denied.json as { Message: string }).Message).toMatch(/is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:localapi00\/prod\/POST\/api\/2.0\/mlflow\/experiments\/create$/);
    expect((await local.signed(local.identityOf('admins'), 'POST', API_WRITE, '{"name":"x"}')).json).toMatchObject({ operation: 'CreateExperiment' });
  });

  it('refuses unsigned, tampered, expired and unknown-key requests with 403', async () => {
    const reader = local.identityOf('readers');
    expect((await local.browser(undefined, 'GET', API_READ)).json).toEqual({ message: 'Missing Authentication Token' });
    const old = await local.signed(reader, 'GET', API_READ, undefined, new Date(Date.now() - 6 * 60_000));
    expect(old.status).toBe(403);
    expect((old.json as { message: string }).message).toMatch(/^Signature expired/);
    const unknown = { ...reader, credential: { ...reader.credential, accessKeyId: 'AKIAUNKNOWNKEY000000' } };
    expect((await local.signed(unknown, 'GET', API_READ)).json).toEqual({ message: 'The security token included in the request is invalid.' });
    const { smithySign } = await import('./sign.js');
    const headers = await smithySign({ method: 'POST', url: `${local.origin}/prod${API_WRITE}`, body: '{"name":"a"}' }, local.identityOf('admins').credential, 'us-east-1');
    const tampered = await send(local.origin, 'POST', `/prod${API_WRITE}`, headers, '{"name":"b"}');
    expect(tampered.status).toBe(403);
    const retargeted = await send(local.origin, 'POST', '/prod/api/2.0/mlflow/experiments/delete', headers, '{"name":"a"}');
    expect((retargeted.json as { message: string }).message).toMatch(/signature we calculated does not match/);
  });
});

describe('API Gateway limits', () => {
  it('answers 413 to a body over 10 MB, on both surfaces, and passes one just under', async () => {
    const big = Buffer.alloc(12 * 1024 * 1024, 97);
    expect((await local.browser(tokens['admins'], 'POST', WRITE, big)).status).toBe(413);
    expect((await local.signed(local.identityOf('admins'), 'PUT', '/api/2.0/mlflow-artifacts/artifacts/big.bin', big)).status).toBe(413);
    const fits = Buffer.alloc(10 * 1024 * 1024 - 1024, 97);
    const upload = await local.signed(local.identityOf('admins'), 'PUT', '/api/2.0/mlflow-artifacts/artifacts/fits.bin', fits);
    expect(upload.json).toMatchObject({ operation: 'UploadArtifact', bodyBytes: fits.length });
  });
});

describe('the access log', () => {
  it('has one line per request with principal, roles, operation, decision and latency', async () => {
    local.accessLog.length = 0;
    await local.browser(tokens['readers'], 'GET', READ);
    await local.browser(tokens['readers'], 'POST', WRITE, '{}');
    await local.signed(local.identityOf('readers'), 'GET', API_READ);
    const lines = local.accessLog.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    const reader = local.mode.users.find((u) => u.username === 'readers');
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/prod/ajax-api/2.0/mlflow/experiments/get', status: 200, surface: 'browser', principal: reader?.sub, roles: local.roleOf('readers'), operation: 'GetExperiment', decision: 'allow', cache: 'hit', policyVersion: local.mode.generated.policyVersion });
    expect(lines[1]).toMatchObject({ status: 403, operation: 'CreateExperiment', decision: 'deny' });
    expect(lines[2]).toMatchObject({ surface: 'iam', principal: `${local.identityOf('readers').principal.kind}/${local.identityOf('readers').principal.name}`, roles: local.roleOf('readers'), decision: 'allow' });
    for (const line of lines) expect(typeof line['latencyMs']).toBe('number');
  });
});

describe('odd requests', () => {
  it('never crash the gateway or reach MLflow without a decision (property)', async () => {
    const { default: fc } = await import('fast-check');
    const piece = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/),
      fc.constantFrom('/', '//', '..', '.', '%', '%2F', '%2e', '%00', '%zz', '%C3%A9', '*', '?', '?x=%', '#', ';', '@', ':', 'ajax-api', 'api', '2.0', 'mlflow', 'prod', 'static-files'),
    );
    let checked = 0;
    const reader = tokens['readers'] as string;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), fc.array(piece, { maxLength: 8 }), fc.boolean(), async (method, pieces, withToken) => {
        const path = '/prod/' + pieces.join('');
        const response = await send(local.origin, method, path, withToken ? { Authorization: `Bearer ${reader}` } : {});
        checked++;
        expect([200, 301, 401, 403, 404]).toContain(response.status);
        if (!withToken && response.status === 200) expect(method === 'GET' && /^\/prod\/(static-files\/|mlflow-login\.json|$|\?)/.test(path)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThanOrEqual(300);
  });
});
