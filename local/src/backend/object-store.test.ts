import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from './object-store.js';
import { MIN_PART_BYTES, PART_URL_TTL_SECONDS, startObjectStore } from './object-store.js';

let store: ObjectStore;
let clock = Date.now();

beforeAll(async () => {
  store = await startObjectStore('127.0.0.1', () => clock);
});
afterAll(async () => store?.close());

const put = (url: string, body: Buffer) => fetch(url, { method: 'PUT', body });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the object store behind the multipart upload', () => {
  it('takes the parts at their presigned URLs and assembles them in order, with S3-style ETags', async () => {
    const data = randomBytes(MIN_PART_BYTES + 1234);
    const { uploadId, partUrls } = store.createUpload('0/run/artifacts/weights.bin', 2);
    expect(partUrls).toHaveLength(2);
    expect(partUrls.every((u) => u.startsWith(`${store.url}/mlflow-artifacts/0/run/artifacts/weights.bin?uploadId=${uploadId}&partNumber=`))).toBe(true);
    // Uploaded out of order, as a thread pool does.
    const second = await put(partUrls[1] as string, data.subarray(MIN_PART_BYTES));
    const first = await put(partUrls[0] as string, data.subarray(0, MIN_PART_BYTES));
    expect([first.status, second.status]).toEqual([200, 200]);
    const etags = [first.headers.get('etag') ?? '', second.headers.get('etag') ?? ''];
    expect(etags[0]).toBe(`"${createHash('md5').update(data.subarray(0, MIN_PART_BYTES)).digest('hex')}"`);
    const object = await store.complete(uploadId, '0/run/artifacts/weights.bin', etags.map((etag, i) => ({ partNumber: i + 1, etag })));
    expect(object).toMatchObject({ key: '0/run/artifacts/weights.bin', bytes: data.length, sha256: sha256(data), parts: 2, etag: expect.stringMatching(/^[0-9a-f]{32}-2$/) });
    expect(store.objects().get('0/run/artifacts/weights.bin')).toEqual(object);
    // Completed uploads take no more parts.
    expect((await put(partUrls[0] as string, Buffer.from('late'))).status).toBe(404);
  });

  it('refuses an altered URL, an expired one and anything but PUT', async () => {
    const { partUrls } = store.createUpload('a/b.bin', 1);
    const url = partUrls[0] as string;
    const other = url.replace('partNumber=1', 'partNumber=2');
    const altered = await put(other, Buffer.from('x'));
    expect(altered.status).toBe(403);
    expect(await altered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await put(url.replace('/a/b.bin', '/a/c.bin'), Buffer.from('x'))).status).toBe(403);
    expect((await fetch(url)).status).toBe(405);
    clock += (PART_URL_TTL_SECONDS + 1) * 1000;
    try {
      const expired = await put(url, Buffer.from('x'));
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
    } finally {
      clock -= (PART_URL_TTL_SECONDS + 1) * 1000;
    }
  });

  it('refuses to complete with a wrong ETag, a missing part, parts out of order or a small part before the last', async () => {
    const { uploadId, partUrls } = store.createUpload('c/d.bin', 2);
    const small = await put(partUrls[0] as string, Buffer.from('tiny'));
    const last = await put(partUrls[1] as string, Buffer.from('end'));
    const etag = (r: Response) => r.headers.get('etag') ?? '';
    expect(await store.complete(uploadId, 'c/d.bin', [{ partNumber: 1, etag: '"0123"' }])).toMatchObject({ error: 'InvalidPart' });
    expect(await store.complete(uploadId, 'c/d.bin', [{ partNumber: 3, etag: etag(last) }])).toMatchObject({ error: 'InvalidPart' });
    expect(await store.complete(uploadId, 'c/d.bin', [{ partNumber: 2, etag: etag(last) }, { partNumber: 1, etag: etag(small) }])).toMatchObject({ error: 'InvalidPartOrder' });
    expect(await store.complete(uploadId, 'c/d.bin', [{ partNumber: 1, etag: etag(small) }, { partNumber: 2, etag: etag(last) }])).toMatchObject({ error: 'EntityTooSmall' });
    expect(await store.complete(uploadId, 'other/key.bin', [{ partNumber: 2, etag: etag(last) }])).toMatchObject({ error: 'NoSuchUpload' });
    // A single small part is a whole object.
    expect(await store.complete(uploadId, 'c/d.bin', [{ partNumber: 2, etag: etag(last) }])).toMatchObject({ bytes: 3, parts: 1 });
  });

  it('aborts an upload: its URLs stop working', async () => {
    const { uploadId, partUrls } = store.createUpload('e/f.bin', 1);
    expect(await store.abort(uploadId, 'e/f.bin')).toBe(true);
    expect(await store.abort(uploadId, 'e/f.bin')).toBe(false);
    expect((await put(partUrls[0] as string, Buffer.from('x'))).status).toBe(404);
    expect(store.partRequests().at(-1)).toMatchObject({ uploadId, partNumber: 1, status: 404 });
  });
});
