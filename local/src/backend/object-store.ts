// A small object store standing in for the artifact bucket behind MLflow's proxied multipart upload: the stand-in
// MLflow starts an upload here and hands the client one presigned part URL per part; the client PUTs the parts
// straight here, outside the gateway (as to S3, with no SigV4 of its own: the URL is the capability); the stand-in
// then completes the upload with the parts' ETags. Parts go to a temporary folder, never into memory whole.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { close, listen } from '../http/listen.js';

/** The bucket name in the part URLs. */
export const BUCKET = 'mlflow-artifacts';
/** S3's smallest part, except for the last one (EntityTooSmall below it). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** How long a part URL is valid. */
export const PART_URL_TTL_SECONDS = 15 * 60;
const MAX_PART_BYTES = 512 * 1024 * 1024;

/** An object assembled from its parts. */
export interface StoredObject {
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly parts: number;
  /** S3's multipart ETag: MD5 of the parts' MD5s, `-N`. */
  readonly etag: string;
}

/** A part the client refers to when completing. */
export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
}

/** A PUT the store received: which upload and part, its size, its answer. */
export interface PartRequest {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly bytes: number;
  readonly status: number;
}

interface Upload {
  readonly key: string;
  readonly parts: number;
  readonly etags: Map<number, { etag: string; bytes: number }>;
}

/** A running object store. */
export interface ObjectStore {
  readonly url: string;
  /** Starts a multipart upload of `key` in `parts` parts: its id and one presigned PUT URL per part, in order. */
  readonly createUpload: (key: string, parts: number) => { readonly uploadId: string; readonly partUrls: readonly string[] };
  /** Completes an upload with the client's part list: the object, or why S3 would refuse (`InvalidPart`, …). */
  readonly complete: (uploadId: string, key: string, parts: readonly CompletedPart[]) => Promise<StoredObject | { readonly error: string; readonly message: string }>;
  /** Aborts an upload, deleting its parts; false when there is no such upload. */
  readonly abort: (uploadId: string, key: string) => Promise<boolean>;
  readonly objects: () => ReadonlyMap<string, StoredObject>;
  readonly partRequests: () => readonly PartRequest[];
  readonly close: () => Promise<void>;
}

/** Starts the object store on `host` (any free port). */
export async function startObjectStore(host = '127.0.0.1', now: () => number = Date.now): Promise<ObjectStore> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-local-objects-'));
  const secret = randomBytes(32);
  const uploads = new Map<string, Upload>();
  const objects = new Map<string, StoredObject>();
  const requests: PartRequest[] = [];
  const sign = (path: string, uploadId: string, partNumber: number, expires: number) =>
    createHmac('sha256', secret).update(`PUT\n${path}\n${uploadId}\n${partNumber}\n${expires}`).digest('hex');
  const partFile = (uploadId: string, partNumber: number) => join(dir, uploadId, String(partNumber));

  const server: Server = createServer((req, res) => {
    receivePart(req, res).catch(() => {
      if (!res.headersSent) s3Error(res, 500, 'InternalError', 'The part could not be stored.');
      else res.destroy();
    });
  });

  async function receivePart(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://object-store');
    const q = url.searchParams;
    const uploadId = q.get('uploadId') ?? '';
    const partNumber = Number(q.get('partNumber'));
    const expires = Number(q.get('X-Local-Expires'));
    const refuse = (status: number, code: string, message: string) => {
      req.resume();
      requests.push({ uploadId, partNumber, bytes: 0, status });
      s3Error(res, status, code, message);
    };
    if (req.method !== 'PUT') return refuse(405, 'MethodNotAllowed', 'Only part uploads (PUT with a presigned URL) are served here.');
    const given = Buffer.from(q.get('X-Local-Signature') ?? '', 'hex');
    const expected = Buffer.from(sign(url.pathname, uploadId, partNumber, expires), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(403, 'SignatureDoesNotMatch', 'The presigned URL was altered or was not issued by this store.');
    if (!(expires * 1000 > now())) return refuse(403, 'AccessDenied', 'Request has expired');
    const upload = uploads.get(uploadId);
    if (upload === undefined) return refuse(404, 'NoSuchUpload', 'The specified upload does not exist; it may have been completed or aborted.');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_PART_BYTES) return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    const md5 = createHash('md5');
    let bytes = 0;
    await mkdir(join(dir, uploadId), { recursive: true });
    await pipeline(
      req,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          md5.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(partFile(uploadId, partNumber)),
    );
    const etag = md5.digest('hex');
    upload.etags.set(partNumber, { etag, bytes });
    requests.push({ uploadId, partNumber, bytes, status: 200 });
    res.writeHead(200, { etag: `"${etag}"`, 'content-length': 0 }).end();
  }

  const bound = await listen(server, host, 0, 'the object store stand-in', 'another port');
  const origin = `http://${host}:${bound}`;

  return {
    url: origin,
    createUpload: (key, parts) => {
      const uploadId = randomUUID();
      uploads.set(uploadId, { key, parts, etags: new Map() });
      const path = `/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
      const expires = Math.floor(now() / 1000) + PART_URL_TTL_SECONDS;
      const partUrls = Array.from({ length: parts }, (_, i) => {
        const query = new URLSearchParams({ uploadId, partNumber: String(i + 1), 'X-Local-Expires': String(expires), 'X-Local-Signature': sign(path, uploadId, i + 1, expires) });
        return `${origin}${path}?${query}`;
      });
      return { uploadId, partUrls };
    },
    complete: async (uploadId, key, parts) => {
      const upload = uploads.get(uploadId);
      if (upload === undefined || upload.key !== key) return { error: 'NoSuchUpload', message: `no upload ${uploadId} of ${key}` };
      if (parts.length === 0) return { error: 'MalformedXML', message: 'the part list is empty' };
      if (parts.some((part, i) => i > 0 && part.partNumber <= (parts[i - 1] as CompletedPart).partNumber)) return { error: 'InvalidPartOrder', message: 'the parts are not in ascending order' };
      for (const [i, part] of parts.entries()) {
        const stored = upload.etags.get(part.partNumber);
        if (stored === undefined || stored.etag !== part.etag.replace(/"/g, '')) return { error: 'InvalidPart', message: `part ${part.partNumber} was not uploaded or its ETag does not match` };
        if (i < parts.length - 1 && stored.bytes < MIN_PART_BYTES) return { error: 'EntityTooSmall', message: `part ${part.partNumber} is ${stored.bytes} bytes, below the 5 MiB minimum` };
      }
      const sha256 = createHash('sha256');
      const etags = createHash('md5');
      let bytes = 0;
      for (const part of parts) {
        for await (const chunk of createReadStream(partFile(uploadId, part.partNumber))) {
          sha256.update(chunk as Buffer);
          bytes += (chunk as Buffer).length;
        }
        etags.update(Buffer.from((upload.etags.get(part.partNumber) as { etag: string }).etag, 'hex'));
      }
      const object: StoredObject = { key, bytes, sha256: sha256.digest('hex'), parts: parts.length, etag: `${etags.digest('hex')}-${parts.length}` };
      objects.set(key, object);
      uploads.delete(uploadId);
      await rm(join(dir, uploadId), { recursive: true, force: true });
      return object;
    },
    abort: async (uploadId, key) => {
      const upload = uploads.get(uploadId);
      if (upload === undefined || upload.key !== key) return false;
      uploads.delete(uploadId);
      await rm(join(dir, uploadId), { recursive: true, force: true });
      return true;
    },
    objects: () => objects,
    partRequests: () => requests,
    close: async () => {
      await close(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': body.length }).end(body);
}
