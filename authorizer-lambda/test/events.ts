// REST API REQUEST authorizer events as API Gateway sends them (shape from the AWS docs' example input).

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const API_ID = 'a1b2c3d4e5';
export const STAGE = 'prod';

/** The stage ARN every test methodArn extends. */
export const STAGE_ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}`;

/** The methodArn of `method path` (path with its leading `/`; the root gives a trailing slash). */
export function methodArnFor(method: string, path: string, stage: string = STAGE): string {
  return `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${stage}/${method}${path}`;
}

/** A REQUEST authorizer event for `method path` with the given headers. */
export function requestEvent(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    type: 'REQUEST',
    methodArn: methodArnFor(method, path),
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      path: `/${STAGE}${path}`,
      accountId: ACCOUNT,
      resourceId: 'abc123',
      stage: STAGE,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      resourcePath: '/{proxy+}',
      httpMethod: method,
      apiId: API_ID,
    },
    ...overrides,
  };
}

/** `Authorization: Bearer {token}`. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
