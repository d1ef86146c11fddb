/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD/region/service/aws4_request`, split. */
  readonly scope: { readonly date: string; readonly region: string; readonly service: string; readonly terminal: string };
  /** Lower-case header names, in the order given. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=a;b,
 * Signature=hex`; returns why not when the header is not one (the message API Gateway's 403 would carry).
 */
export function parseAuthorization(header: string): SigV4Authorization | { readonly problem: string } {
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== SIGV4_ALGORITHM) return { problem: `Authorization header is not a SigV4 signature (${SIGV4_ALGORITHM})` };
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { problem: 'Invalid key=value pair (missing equal-sign) in Authorization header' };
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const missing = [['Credential', credential], ['SignedHeaders', signedHeaders], ['Signature', signature]].filter(([, v]) => !v).map(([k]) => `'${k}'`);
  if (missing.length > 0) return { problem: `Authorization header requires ${missing.join(', ')} parameter${missing.length > 1 ? 's' : ''}` };
  const [accessKeyId, date, region, service, terminal, ...rest] = (credential as string).split('/');
  if (accessKeyId === undefined || date === undefined || region === undefined || service === undefined || terminal === undefined || rest.length > 0) {
    return { problem: "Credential must have the form 'KEY/DATE/REGION/SERVICE/aws4_request'" };
  }
  if (!/^[0-9a-f]{64}$/.test(signature as string)) return { problem: 'Signature must be 64 lower-case hexadecimal characters' };
  return {
    accessKeyId,
    scope: { date, region, service, terminal },
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}
