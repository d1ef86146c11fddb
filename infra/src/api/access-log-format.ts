import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON line per request: who (the authorizer's principal, roles, operation and policy version for the
 * browser; the caller's IAM ARN for SigV4), what (method, path, status) and how long. Never a header value,
 * token or body ("no data tracing"). The authorizer fields are its `context` (authorizer-lambda/README.md).
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  domainName: '$context.domainName',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  resourcePath: '$context.resourcePath',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  errorMessage: '$context.error.message',
  principal: '$context.authorizer.principalId',
  roles: '$context.authorizer.roles',
  operation: '$context.authorizer.operation',
  policyVersion: '$context.authorizer.policyVersion',
  authorizerStatus: '$context.authorizer.status',
  authorizerLatency: '$context.authorizer.latency',
  authorizerError: '$context.authorizer.error',
  iamCallerArn: '$context.identity.userArn',
  iamCaller: '$context.identity.caller',
  iamAccountId: '$context.identity.accountId',
};

/** The stage's access log format. */
export function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));
}
