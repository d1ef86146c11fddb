import { timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredential } from '../credentials/credentials-file.js';
import { parseAuthorization } from './authorization-header.js';
import { decodeQuery } from './canonical-query.js';

/** A request as the gateway received it, with its body already read and hashed. */
export interface SignedRequest {
  readonly method: string;
  /** The path as received, stage included and still percent-encoded (what the client signed). */
  readonly rawPath: string;
  /** The query string as received, without `?`. */
  readonly rawQuery: string;
  /** Lower-case header name → every value received. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** Lower-case hex SHA-256 of the body as received. */
  readonly bodySha256: string;
}

/** Why a signature was refused; each gets a 403 from API Gateway. */
export type SigV4Failure = 'missing' | 'malformed' | 'unknown-key' | 'bad-scope' | 'expired' | 'payload-hash' | 'bad-token' | 'mismatch';

/** The verifier's answer: the caller's credential, or a 403 with API Gateway's kind of message. */
export type SigV4Result =
  | { readonly ok: true; readonly credential: LocalCredential }
  | { readonly ok: false; readonly failure: SigV4Failure; readonly message: string };

/** How far a request's `X-Amz-Date` may be from the gateway's clock, either way (AWS: 5 minutes). */
export const SIGV4_CLOCK_SKEW_MS = 5 * 60 * 1000;

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Verifies SigV4 (`AWS4-HMAC-SHA256` in the `Authorization` header) for service `execute-api` the way API Gateway
 * does for an AWS_IAM method: looks the access key up, checks the scope, the date window and the body hash (the
 * body is hashed by the gateway, never taken from the client's header), recomputes the signature with the key's
 * secret over the client's signed headers (the canonical form is @smithy/signature-v4's) and compares in constant
 * time. `UNSIGNED-PAYLOAD` is refused: it is an S3 convention, and for other services the canonical request carries
 * the payload's hash.
 */
export class SigV4Verifier {
  private readonly keys: ReadonlyMap<string, LocalCredential>;

  constructor(
    credentials: readonly LocalCredential[],
    private readonly region: string,
    private readonly now: () => number = Date.now,
    private readonly service = 'execute-api',
  ) {
    this.keys = new Map(credentials.map((c) => [c.accessKeyId, c]));
  }

  async verify(request: SignedRequest): Promise<SigV4Result> {
    const headers = request.headers['authorization'];
    if (headers === undefined || headers.length === 0) return fail('missing', 'Missing Authentication Token');
    if (headers.length > 1) return fail('malformed', 'Only one Authorization header is allowed');
    const auth = parseAuthorization(headers[0] as string);
    if ('problem' in auth) return fail('malformed', auth.problem);
    const credential = this.keys.get(auth.accessKeyId);
    if (credential === undefined) return fail('unknown-key', 'The security token included in the request is invalid.');
    if (auth.scope.service !== this.service || auth.scope.terminal !== 'aws4_request') {
      return fail('bad-scope', `Credential should be scoped to correct service: '${this.service}'.`);
    }
    if (auth.scope.region !== this.region) return fail('bad-scope', `Credential should be scoped to a valid region, not '${auth.scope.region}'.`);
    const signed = new Set(auth.signedHeaders);
    if (!signed.has('host') || !signed.has('x-amz-date')) return fail('malformed', "SignedHeaders must include 'host' and 'x-amz-date'");
    const amzDate = single(request.headers['x-amz-date']);
    const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (amzDate === undefined || signingDate === undefined) return fail('malformed', "Authorization header requires existence of a valid 'X-Amz-Date' header");
    if (amzDate.slice(0, 8) !== auth.scope.date) return fail('bad-scope', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scope.date}' != '${amzDate.slice(0, 8)}'`);
    const skew = signingDate.getTime() - this.now();
    if (skew < -SIGV4_CLOCK_SKEW_MS) return fail('expired', `Signature expired: ${amzDate} is now earlier than the allowed window (5 min.)`);
    if (skew > SIGV4_CLOCK_SKEW_MS) return fail('expired', `Signature not yet current: ${amzDate} is still later than the allowed window (5 min.)`);
    const claimedHash = single(request.headers['x-amz-content-sha256']);
    if (claimedHash !== undefined && claimedHash.toLowerCase() !== request.bodySha256) {
      return fail('payload-hash', 'The provided x-amz-content-sha256 header does not match what was computed (UNSIGNED-PAYLOAD is not accepted).');
    }
    const token = single(request.headers['x-amz-security-token']);
    const tokenOk = credential.sessionToken === undefined ? token === undefined : token !== undefined && equalText(token, credential.sessionToken);
    if (!tokenOk) return fail('bad-token', 'The security token included in the request is invalid.');
    const expected = await this.expectedAuthorization(request, auth.signedHeaders, signingDate, credential);
    if (expected === undefined || expected.signedHeaders !== auth.signedHeaders.join(';') || !equalText(expected.signature, auth.signature)) {
      return fail('mismatch', MISMATCH);
    }
    return { ok: true, credential };
  }

  /** The signature the client should have sent, computed with the key's secret; undefined when it cannot be. */
  private async expectedAuthorization(
    request: SignedRequest,
    signedHeaders: readonly string[],
    signingDate: Date,
    credential: LocalCredential,
  ): Promise<{ signedHeaders: string; signature: string } | undefined> {
    const query = decodeQuery(request.rawQuery);
    if (query === undefined) return undefined;
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const values = request.headers[name];
      if (values === undefined || values.length === 0) return undefined;
      headers[name] = values.join(',');
    }
    // The payload hash the canonical request ends with: the gateway's own, put where the signer reads it first.
    // The header is only signed when the client signed it, and then it was checked to equal this value.
    if (!signedHeaders.includes('x-amz-content-sha256')) headers['x-amz-content-sha256'] = request.bodySha256;
    const signer = new SignatureV4({
      service: this.service,
      region: this.region,
      credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
      uriEscapePath: true,
    });
    const signable = new HttpRequest({ method: request.method, protocol: 'http:', hostname: headers['host'] ?? '', path: request.rawPath, query, headers });
    const unsignable = signedHeaders.includes('x-amz-content-sha256') ? undefined : new Set(['x-amz-content-sha256']);
    const signedRequest = await signer.sign(signable, { signingDate, signableHeaders: new Set(signedHeaders), unsignableHeaders: unsignable });
    const authorization = String(signedRequest.headers['authorization'] ?? '');
    const match = /SignedHeaders=([^,]*), Signature=([0-9a-f]{64})$/.exec(authorization);
    return match === null ? undefined : { signedHeaders: match[1] as string, signature: match[2] as string };
  }
}

function fail(failure: SigV4Failure, message: string): SigV4Result {
  return { ok: false, failure, message };
}

function single(values: readonly string[] | undefined): string | undefined {
  return values === undefined || values.length !== 1 ? undefined : values[0];
}

function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCDate() === d && date.getUTCHours() === h ? date : undefined;
}

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
