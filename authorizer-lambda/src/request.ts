import { MalformedEventError } from './errors.js';
import type { EventHeaders } from './headers.js';
import type { MethodArn } from './method-arn.js';
import { MethodArnReader } from './method-arn.js';

/** The parts of a REST API REQUEST authorizer event the authorizer uses, checked for type. */
export interface AuthorizerRequest extends EventHeaders {
  /** `httpMethod` of the event. */
  readonly method: string;
  /** `path` of the event: the raw request path without stage or query string. */
  readonly path: string;
  readonly methodArn: string;
  readonly arn: MethodArn;
  /** API Gateway's request id, to join the decision log with the access log. */
  readonly apiRequestId: string | undefined;
}

/**
 * Reads a REQUEST authorizer event; throws `MalformedEventError` for anything API Gateway would not send. `arns`
 * is the authorizer's long-lived reader (it remembers the API's ARN prefix).
 */
export function readRequest(event: unknown, arns: MethodArnReader = new MethodArnReader()): AuthorizerRequest {
  if (typeof event !== 'object' || event === null) throw new MalformedEventError('event is not an object');
  const e = event as Record<string, unknown>;
  const { methodArn, httpMethod, path } = e;
  if (typeof methodArn !== 'string') throw new MalformedEventError('event has no methodArn');
  if (typeof httpMethod !== 'string' || typeof path !== 'string') throw new MalformedEventError('event has no httpMethod or path');
  const context = e['requestContext'];
  const apiRequestId = typeof context === 'object' && context !== null ? (context as Record<string, unknown>)['requestId'] : undefined;
  return {
    method: httpMethod,
    path,
    methodArn,
    arn: arns.read(methodArn),
    headers: objectOrNull(e['headers']) as AuthorizerRequest['headers'],
    multiValueHeaders: objectOrNull(e['multiValueHeaders']) as AuthorizerRequest['multiValueHeaders'],
    apiRequestId: typeof apiRequestId === 'string' ? apiRequestId : undefined,
  };
}

function objectOrNull(value: unknown): object | null {
  return typeof value === 'object' && value !== null ? value : null;
}
