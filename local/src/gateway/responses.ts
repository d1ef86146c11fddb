import type { ServerResponse } from 'node:http';

/** One of API Gateway's own answers (gateway responses), with the body and error type it sends. */
export interface GatewayAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
  /** Local mode only: why, for the person reading the response (API Gateway says less). */
  readonly detail?: string;
}

/** API Gateway's REST API 10 MB payload quota. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export const ANSWERS = {
  unauthorized: { status: 401, body: { message: 'Unauthorized' }, errorType: 'UnauthorizedException' },
  implicitDeny: { status: 403, body: { Message: 'User is not authorized to access this resource' }, errorType: 'AccessDeniedException' },
  explicitDeny: { status: 403, body: { Message: 'User is not authorized to access this resource with an explicit deny' }, errorType: 'AccessDeniedException' },
  missingToken: { status: 403, body: { message: 'Missing Authentication Token' }, errorType: 'MissingAuthenticationTokenException' },
  forbidden: { status: 403, body: { message: 'Forbidden' }, errorType: 'ForbiddenException' },
  tooLarge: { status: 413, body: { message: `HTTP content length exceeded ${MAX_PAYLOAD_BYTES} bytes.` }, errorType: 'RequestTooLargeException' },
  authorizerError: { status: 500, body: { message: null }, errorType: 'AuthorizerConfigurationException' },
  badGateway: { status: 502, body: { message: 'Internal server error' }, errorType: 'InternalServerErrorException' },
  timeout: { status: 504, body: { message: 'Endpoint request timed out' }, errorType: 'IntegrationTimeout' },
} as const satisfies Record<string, GatewayAnswer>;

/** The 403 an AWS_IAM method sends when the caller's policies do not allow the request. */
export function iamDenied(caller: string, resource: string, explicit: boolean): GatewayAnswer {
  const suffix = explicit ? ' with an explicit deny' : '';
  return { status: 403, body: { Message: `User: ${caller} is not authorized to perform: execute-api:Invoke on resource: ${resource}${suffix}` }, errorType: 'AccessDeniedException' };
}

/** The 403 an AWS_IAM method sends for a signature it does not accept. */
export function signatureRefused(message: string, missing: boolean): GatewayAnswer {
  return { status: 403, body: { message }, errorType: missing ? 'MissingAuthenticationTokenException' : 'InvalidSignatureException' };
}

/** Writes `answer` as API Gateway would (JSON body, `x-amzn-RequestId`, `x-amzn-ErrorType`); resolves its length. */
export function sendAnswer(res: ServerResponse, requestId: string, answer: GatewayAnswer, extraHeaders: Record<string, string> = {}): number {
  const body = Buffer.from(JSON.stringify(answer.body));
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': body.length, 'x-amzn-requestid': requestId, ...extraHeaders };
  if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
  if (answer.detail !== undefined) headers['x-local-mode-detail'] = answer.detail.replace(/[^\x20-\x7e]/g, '?');
  if (!res.headersSent) res.writeHead(answer.status, headers);
  res.end(body);
  return body.length;
}
