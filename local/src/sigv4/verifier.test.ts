import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalCredential } from '../credentials/credentials-file.js';
import { aws4Sign, sha256, smithySign, splitUrl } from '../../test/sign.js';
import type { RequestToSign } from '../../test/sign.js';
import type { SignedRequest } from './verifier.js';
import { SigV4Verifier } from './verifier.js';

const REGION = 'us-east-1';
const reader: LocalCredential = {
  accessKeyId: 'AKIAREADERREADER0001',
  secretAccessKey: 'reader-secret-reader-secret-reader-secret',
  principal: { kind: 'sagemaker-user-profile', name: 'mlflow-reader' },
};
const temporary: LocalCredential = {
  accessKeyId: 'ASIATEMPORARYKEY0002',
  secretAccessKey: 'temporary-secret-temporary-secret-00000',
  sessionToken: 'session-token-of-a-role',
  principal: { kind: 'iam-principal', name: 'pipeline' },
};
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const verifier = new SigV4Verifier([reader, temporary], REGION, () => NOW);

/** What the gateway hands the verifier for a request sent with `headers`. */
function received(request: RequestToSign, headers: Record<string, string>): SignedRequest {
  const url = splitUrl(request.url);
  const all: Record<string, string[]> = { host: [url.host] };
  for (const [k, v] of Object.entries({ ...request.headers, ...headers })) (all[k.toLowerCase()] ??= []).push(v);
  return { method: request.method, rawPath: url.path, rawQuery: url.query, headers: all, bodySha256: sha256(request.body ?? '') };
}

const GET: RequestToSign = { method: 'GET', url: 'http://127.0.0.1:8700/prod/api/2.0/mlflow/experiments/get?experiment_id=1' };
const POST: RequestToSign = {
  method: 'POST',
  url: 'http://127.0.0.1:8700/prod/api/2.0/mlflow/runs/create',
  headers: { 'content-type': 'application/json' },
  body: '{"experiment_id":"1"}',
};

describe('SigV4Verifier', () => {
  it('accepts requests signed by @smithy/signature-v4 and by aws4', async () => {
    for (const request of [GET, POST]) {
      const smithy = await smithySign(request, reader, REGION, new Date(NOW));
      expect(await verifier.verify(received(request, smithy))).toMatchObject({ ok: true, credential: reader });
    }
    // aws4 signs at the current time.
    const live = new SigV4Verifier([reader], REGION);
    for (const request of [GET, POST]) {
      expect(await live.verify(received(request, aws4Sign(request, reader, REGION)))).toMatchObject({ ok: true });
    }
  });

  it('accepts temporary credentials only with their session token', async () => {
    const signed = await smithySign(GET, temporary, REGION, new Date(NOW));
    expect(await verifier.verify(received(GET, signed))).toMatchObject({ ok: true, credential: temporary });
    const { sessionToken: _, ...withoutToken } = temporary;
    const unsignedToken = await smithySign(GET, withoutToken, REGION, new Date(NOW));
    expect(await verifier.verify(received(GET, unsignedToken))).toMatchObject({ ok: false, failure: 'bad-token' });
    const wrongToken = await smithySign(GET, { ...temporary, sessionToken: 'another-token' }, REGION, new Date(NOW));
    expect(await verifier.verify(received(GET, wrongToken))).toMatchObject({ ok: false, failure: 'bad-token' });
  });

  it('refuses a missing, foreign or malformed Authorization header', async () => {
    expect(await verifier.verify(received(GET, {}))).toMatchObject({ ok: false, failure: 'missing', message: 'Missing Authentication Token' });
    expect(await verifier.verify(received(GET, { Authorization: 'Bearer eyJ' }))).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verifier.verify(received(GET, { Authorization: 'AWS4-HMAC-SHA256 Credential=x' }))).toMatchObject({ ok: false, failure: 'malformed' });
  });

  it('refuses an unknown access key', async () => {
    const signed = await smithySign(GET, { ...reader, accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }, REGION, new Date(NOW));
    expect(await verifier.verify(received(GET, signed))).toMatchObject({ ok: false, failure: 'unknown-key' });
  });

  it('refuses signatures outside the 5-minute window, either way', async () => {
    for (const offset of [-5 * 60_000 - 1000, 5 * 60_000 + 1000]) {
      const signed = await smithySign(GET, reader, REGION, new Date(NOW + offset));
      expect(await verifier.verify(received(GET, signed))).toMatchObject({ ok: false, failure: 'expired' });
    }
    for (const offset of [-4 * 60_000, 4 * 60_000]) {
      const signed = await smithySign(GET, reader, REGION, new Date(NOW + offset));
      expect(await verifier.verify(received(GET, signed))).toMatchObject({ ok: true });
    }
  });

  it('refuses another region, another service, a wrong secret', async () => {
    expect(await verifier.verify(received(GET, await smithySign(GET, reader, 'eu-west-1', new Date(NOW))))).toMatchObject({ failure: 'bad-scope' });
    const wrongSecret = await smithySign(GET, { ...reader, secretAccessKey: 'x'.repeat(40) }, REGION, new Date(NOW));
    expect(await verifier.verify(received(GET, wrongSecret))).toMatchObject({ failure: 'mismatch' });
    const signed = await smithySign(GET, reader, REGION, new Date(NOW));
    const s3 = { ...signed, authorization: (signed['authorization'] as string).replace('/execute-api/', '/s3/') };
    expect(await verifier.verify(received(GET, s3))).toMatchObject({ failure: 'bad-scope' });
  });

  it('hashes the body itself: a changed body, or UNSIGNED-PAYLOAD, is refused', async () => {
    const signed = await smithySign(POST, reader, REGION, new Date(NOW));
    expect(await verifier.verify({ ...received(POST, signed), bodySha256: sha256('{"experiment_id":"2"}') })).toMatchObject({ ok: false, failure: 'payload-hash' });
    const unsigned = await smithySign({ ...POST, headers: { ...POST.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, reader, REGION, new Date(NOW));
    expect(await verifier.verify(received(POST, unsigned))).toMatchObject({ ok: false, failure: 'payload-hash' });
    // Without the header the hash is still the body's: the client signed another body.
    const { 'x-amz-content-sha256': _, ...noHashHeader } = signed;
    expect(await verifier.verify({ ...received(POST, noHashHeader), bodySha256: sha256('other') })).toMatchObject({ ok: false, failure: 'mismatch' });
  });

  it('refuses any tampering with method, path, query or a signed header (property)', async () => {
    const signed = await smithySign(POST, reader, REGION, new Date(NOW));
    const base = received(POST, signed);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom('GET', 'PUT', 'DELETE').map((method) => ({ ...base, method })),
          fc.constantFrom('/prod/api/2.0/mlflow/runs/delete', '/prod/api/2.0/mlflow/runs/create/', '/stage/api/2.0/mlflow/runs/create').map((rawPath) => ({ ...base, rawPath })),
          fc.constantFrom('a=1', 'run_id=x', 'experiment_id=1').map((rawQuery) => ({ ...base, rawQuery })),
          fc.constantFrom('text/plain', 'application/json; charset=utf-8').map((ct) => ({ ...base, headers: { ...base.headers, 'content-type': [ct] } })),
          fc.constantFrom('127.0.0.1:8701', 'localhost:8700').map((host) => ({ ...base, headers: { ...base.headers, host: [host] } })),
        ),
        async (tampered) => {
          checked++;
          const result = await verifier.verify(tampered);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it('signs the path as sent, escapes included, and the query decoded the API Gateway way', async () => {
    const request: RequestToSign = { method: 'GET', url: 'http://127.0.0.1:8700/prod/api/2.0/mlflow-artifacts/artifacts/a%20b/%C3%A9.txt?path=x%20y&b=%2B&b=1' };
    const signed = await smithySign(request, reader, REGION, new Date(NOW));
    expect(await verifier.verify(received(request, signed))).toMatchObject({ ok: true });
    const live = new SigV4Verifier([reader], REGION);
    expect(await live.verify(received(request, aws4Sign(request, reader, REGION)))).toMatchObject({ ok: true });
  });
});
