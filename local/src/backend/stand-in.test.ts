import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from './object-store.js';
import type { StandIn } from './stand-in.js';
import { startStandIn } from './stand-in.js';

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => standIn?.close());

const call = async (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) => {
  const response = await fetch(`${standIn.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type'), text, json };
};
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('the stand-in MLflow', () => {
  it('echoes the operation a request reached, with the size and hash of its body', async () => {
    const body = '{"name":"x"}';
    expect((await call('POST', '/api/2.0/mlflow/experiments/create', body)).json).toEqual({
      standIn: 'mlflow',
      operation: 'CreateExperiment',
      method: 'POST',
      path: '/api/2.0/mlflow/experiments/create',
      bodyBytes: body.length,
      bodySha256: sha256(body),
    });
    expect((await call('GET', '/nothing/here')).status).toBe(404);
  });

  it('records a proxied upload (UploadArtifact) by its path below the artifact root', async () => {
    const data = randomBytes(100_000);
    const answer = await call('PUT', '/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/model%20card.md', data);
    expect(answer.json).toMatchObject({ operation: 'UploadArtifact', bodyBytes: data.length, bodySha256: sha256(data) });
    expect(standIn.artifacts().get('0/r1/artifacts/model card.md')).toEqual({ path: '0/r1/artifacts/model card.md', bytes: data.length, sha256: sha256(data), via: 'proxied-put' });
  });

  it('runs the proxied multipart upload as MLflow does: create hands out part URLs to its object store, complete assembles', async () => {
    const data = randomBytes(MIN_PART_BYTES + 10);
    const create = await call('POST', '/ajax-api/2.0/mlflow-artifacts/mpu/create/0/r2/artifacts/big', JSON.stringify({ path: '/home/me/weights.bin', num_parts: 2 }));
    expect(create.json).toMatchObject({ operation: 'CreateMultipartUpload', upload_id: expect.any(String) });
    const credentials = create.json?.['credentials'] as { url: string; part_number: number }[];
    expect(credentials.map((c) => c.part_number)).toEqual([1, 2]);
    expect(credentials.every((c) => c.url.startsWith(`${standIn.objectStore.url}/mlflow-artifacts/0/r2/artifacts/big/weights.bin?`))).toBe(true);
    const parts = [];
    for (const [i, c] of credentials.entries()) {
      const put = await fetch(c.url, { method: 'PUT', body: data.subarray(i * MIN_PART_BYTES, (i + 1) * MIN_PART_BYTES) });
      parts.push({ part_number: c.part_number, etag: put.headers.get('etag'), url: c.url });
    }
    const wrong = await call('POST', '/api/2.0/mlflow-artifacts/mpu/complete/0/r2/artifacts/big', JSON.stringify({ path: 'weights.bin', upload_id: create.json?.['upload_id'], parts: [{ part_number: 1, etag: 'nope' }] }));
    expect(wrong).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/^InvalidPart: /) } });
    const complete = await call('POST', '/api/2.0/mlflow-artifacts/mpu/complete/0/r2/artifacts/big', JSON.stringify({ path: 'weights.bin', upload_id: create.json?.['upload_id'], parts }));
    expect(complete).toMatchObject({ status: 200, json: { operation: 'CompleteMultipartUpload' } });
    expect(standIn.artifacts().get('0/r2/artifacts/big/weights.bin')).toEqual({ path: '0/r2/artifacts/big/weights.bin', bytes: data.length, sha256: sha256(data), via: 'multipart', parts: 2 });
  });

  it('aborts an upload, and answers a body MLflow would not act on with the plain echo', async () => {
    const create = await call('POST', '/api/2.0/mlflow-artifacts/mpu/create/x', JSON.stringify({ path: 'f.bin', num_parts: 1 }));
    const abort = JSON.stringify({ path: 'f.bin', upload_id: create.json?.['upload_id'] });
    expect((await call('POST', '/api/2.0/mlflow-artifacts/mpu/abort/x', abort)).status).toBe(200);
    expect((await call('POST', '/api/2.0/mlflow-artifacts/mpu/abort/x', abort)).status).toBe(404);
    expect((await call('POST', '/api/2.0/mlflow-artifacts/mpu/create/x', JSON.stringify({ path: 'f.bin', num_parts: 0 }))).status).toBe(400);
    for (const body of ['', 'not json', '[]', '{"num_parts":2}']) {
      const echo = await call('POST', '/api/2.0/mlflow-artifacts/mpu/create/x', body);
      expect(echo).toMatchObject({ status: 200, json: { operation: 'CreateMultipartUpload' } });
      expect(echo.json).not.toHaveProperty('upload_id');
    }
  });

  it('answers an artifact read for an <img> with a picture, and other clients with the echo', async () => {
    const image = await call('GET', '/get-artifact?path=plot.png&run_uuid=r', undefined, { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' });
    expect(image.type).toBe('image/svg+xml');
    expect(image.text).toContain('stand-in MLflow: serve_artifacts');
    expect((await call('GET', '/get-artifact?path=plot.png&run_uuid=r')).json).toMatchObject({ operation: 'serve_artifacts' });
    expect((await call('GET', '/ajax-api/2.0/mlflow/experiments/get', undefined, { accept: 'image/*' })).json).toMatchObject({ operation: 'GetExperiment' });
  });
});
