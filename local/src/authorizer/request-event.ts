import type { GatewayRequest } from '../gateway/incoming.js';
import type { LocalApi } from '../local-api.js';
import { methodArn } from '../local-api.js';

/**
 * The REST API REQUEST authorizer event API Gateway sends for `request` on a `{proxy+}` resource (shape of the
 * AWS docs' example input): `headers` holds the last value of each header, `multiValueHeaders` all of them, names
 * as the client wrote them except `Authorization`, which API Gateway normalises; query parameters decoded.
 */
export function requestEvent(api: LocalApi, request: GatewayRequest): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [rawName, value] of request.rawHeaders) {
    const name = rawName.toLowerCase() === 'authorization' ? 'Authorization' : rawName;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query = request.query ?? {};
  const names = Object.keys(query);
  return {
    type: 'REQUEST',
    methodArn: methodArn(api, request.method, request.path),
    resource: '/{proxy+}',
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: names.length === 0 ? null : Object.fromEntries(names.map((n) => [n, (query[n] as readonly string[]).at(-1)])),
    multiValueQueryStringParameters: names.length === 0 ? null : query,
    pathParameters: { proxy: request.path.slice(1) },
    stageVariables: null,
    requestContext: {
      path: request.stagePath,
      accountId: api.account,
      resourceId: 'local0',
      stage: api.stage,
      requestId: request.requestId,
      identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent']?.at(-1) ?? null },
      resourcePath: '/{proxy+}',
      httpMethod: request.method,
      apiId: api.apiId,
    },
  };
}
