// The stand-in MLflow's artifact proxy (`mlflow server --serve-artifacts` in front of a bucket): a proxied upload
// (UploadArtifact, `PUT …/mlflow-artifacts/artifacts/<path>`) is recorded with its size and hash, and the proxied
// multipart upload answers as MLflow's handlers do (mlflow/server/handlers.py, `_create_multipart_upload_artifact`
// and the complete/abort handlers, with the S3 artifact repository behind them): `mpu/create/<path>` with
// `{path, num_parts}` starts an upload of `<path>/<basename(path)>` in the object store and returns
// `{upload_id, credentials: [{url, part_number}]}`; `mpu/complete/<path>` with `{path, upload_id, parts:
// [{part_number, etag}]}` assembles it; `mpu/abort/<path>` drops it.
import { posix } from 'node:path';
import type { ObjectStore } from './object-store.js';

/** An artifact the stand-in stored: through the proxy in one request, or assembled from parts in the object store. */
export interface StoredArtifact {
  /** The artifact's path below the artifact root, e.g. `0/<run>/artifacts/weights.bin`. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly via: 'proxied-put' | 'multipart';
  readonly parts?: number;
}

/** The operations handled here beyond the echo. */
export const ARTIFACT_WRITES: ReadonlySet<string> = new Set(['UploadArtifact', 'CreateMultipartUpload', 'CompleteMultipartUpload', 'AbortMultipartUpload']);

/** An MLflow answer: status and JSON body (merged into the stand-in's echo when 200). */
export interface ArtifactAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const PREFIX: Readonly<Record<string, string>> = {
  UploadArtifact: '/mlflow-artifacts/artifacts/',
  CreateMultipartUpload: '/mlflow-artifacts/mpu/create/',
  CompleteMultipartUpload: '/mlflow-artifacts/mpu/complete/',
  AbortMultipartUpload: '/mlflow-artifacts/mpu/abort/',
};

/** The artifact handlers over `store`; `stored` collects what was written. */
export class ArtifactProxy {
  readonly stored = new Map<string, StoredArtifact>();

  constructor(private readonly store: ObjectStore) {}

  /**
   * Handles `operation` on `path` with the body read (its bytes kept only for the small multipart requests):
   * MLflow's answer, or undefined when the request is not one MLflow would act on (the echo answers it then).
   */
  async handle(operation: string, path: string, body: { readonly bytes: number; readonly sha256: string; readonly text?: string }): Promise<ArtifactAnswer | undefined> {
    const artifactPath = artifactPathOf(operation, path);
    if (artifactPath === undefined) return undefined;
    if (operation === 'UploadArtifact') {
      this.stored.set(artifactPath, { path: artifactPath, bytes: body.bytes, sha256: body.sha256, via: 'proxied-put' });
      return { status: 200, body: {} };
    }
    const request = parseObject(body.text);
    const file = typeof request?.['path'] === 'string' && request['path'] !== '' ? posix.basename(request['path'].replace(/\\/g, '/')) : undefined;
    if (request === undefined || file === undefined || file === '') return undefined;
    const key = posix.join(artifactPath, file);
    if (operation === 'CreateMultipartUpload') {
      const parts = request['num_parts'] === undefined ? 1 : Number(request['num_parts']);
      if (!Number.isInteger(parts) || parts < 1 || parts > 10_000) return invalid(`num_parts must be an integer from 1 to 10000, not ${JSON.stringify(request['num_parts'])}`);
      const upload = this.store.createUpload(key, parts);
      return { status: 200, body: { upload_id: upload.uploadId, credentials: upload.partUrls.map((url, i) => ({ url, part_number: i + 1 })) } };
    }
    const uploadId = request['upload_id'];
    if (typeof uploadId !== 'string') return undefined;
    if (operation === 'AbortMultipartUpload') {
      return (await this.store.abort(uploadId, key)) ? { status: 200, body: {} } : { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `NoSuchUpload: no upload ${uploadId} of ${key}` } };
    }
    const parts = Array.isArray(request['parts']) ? request['parts'] : undefined;
    if (parts === undefined) return invalid("Missing value for required parameter 'parts'.");
    const completed = parts.map((p: unknown) => ({ partNumber: Number((p as Record<string, unknown>)?.['part_number']), etag: String((p as Record<string, unknown>)?.['etag'] ?? '') }));
    const result = await this.store.complete(uploadId, key, completed);
    if ('error' in result) return invalid(`${result.error}: ${result.message}`);
    this.stored.set(key, { path: key, bytes: result.bytes, sha256: result.sha256, via: 'multipart', parts: result.parts });
    return { status: 200, body: {} };
  }
}

function artifactPathOf(operation: string, path: string): string | undefined {
  const prefix = PREFIX[operation];
  const at = prefix === undefined ? -1 : path.indexOf(prefix);
  if (prefix === undefined || at < 0) return undefined;
  try {
    const decoded = decodeURIComponent(path.slice(at + prefix.length));
    return decoded === '' || decoded.split('/').some((s) => s === '..' || s === '.') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function invalid(message: string): ArtifactAnswer {
  return { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message } };
}
