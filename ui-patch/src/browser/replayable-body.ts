/**
 * Whether a request body can be sent a second time as it was the first time: no body, or a body the browser
 * buffers (string, Blob, ArrayBuffer and its views, FormData, URLSearchParams, a Document). A stream is read once,
 * so a request with a stream body is never retried, and neither is anything unknown.
 */
export function isReplayableBody(body: unknown): boolean {
  if (body === undefined || body === null || typeof body === 'string') return true;
  if (typeof body !== 'object') return false;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return false;
  return (
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    (typeof Document !== 'undefined' && body instanceof Document)
  );
}
