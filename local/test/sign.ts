// Signs test requests the way a SigV4 client does, with @smithy/signature-v4 (the AWS SDK for JavaScript's signer)
// or with aws4 (an independent implementation), for the verifier's and the gateway's tests.
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';

/** Credentials to sign with. */
export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** A request to sign: `url` absolute, its path exactly as it goes on the wire (escapes, dot segments and all). */
export interface RequestToSign {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** Splits an absolute URL without normalising its path (`new URL` would resolve dot segments). */
export function splitUrl(url: string): { readonly origin: string; readonly host: string; readonly path: string; readonly query: string } {
  const m = /^(https?:)\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?$/.exec(url);
  if (m === null) throw new Error(`not an absolute URL: ${url}`);
  return { origin: `${m[1]}//${m[2]}`, host: m[2] as string, path: m[3] || '/', query: m[4] ?? '' };
}

/** Headers (Authorization, X-Amz-Date, …) that sign `request` with @smithy/signature-v4 at `date`. */
export async function smithySign(request: RequestToSign, credentials: TestCredentials, region: string, date: Date = new Date()): Promise<Record<string, string>> {
  const url = splitUrl(request.url);
  const query: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(url.query)) (query[k] ??= []).push(v);
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: url.host.replace(/:\d+$/, ''),
      path: url.path,
      query,
      headers: { host: url.host, ...request.headers },
      body: request.body,
    }),
    { signingDate: date },
  );
  return Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== 'host'));
}

/** The same with aws4 (signs the path and query exactly as given, computes the body hash itself). */
export function aws4Sign(request: RequestToSign, credentials: TestCredentials, region: string): Record<string, string> {
  const url = splitUrl(request.url);
  const options = {
    host: url.host,
    method: request.method,
    path: url.path + (url.query === '' ? '' : `?${url.query}`),
    service: 'execute-api',
    region,
    headers: { ...request.headers, 'X-Amz-Content-Sha256': sha256(request.body ?? '') },
    body: request.body,
  };
  aws4.sign(options, credentials);
  return Object.fromEntries(Object.entries(options.headers).filter(([k]) => k.toLowerCase() !== 'host').map(([k, v]) => [k, String(v)]));
}

/** Lower-case hex SHA-256. */
export function sha256(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
