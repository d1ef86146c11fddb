// Test support of @mlflow-authz/authorizer (`@mlflow-authz/authorizer/testing`), for its own tests, the parity
// proof and the benches: locally generated keys, signed and forged tokens, API Gateway events, an authorizer built
// as the Lambda builds it (keys preloaded, or a local JWKS endpoint), and per-file vitest fixtures.
export { ACCOUNT, API_ID, bearer, methodArnFor, REGION, requestEvent, STAGE, STAGE_ARN } from './events.js';
export type { TestKey } from './keys.js';
export { generateTestKey, jwksOf } from './keys.js';
export { b64url, CLIENT_ID, COGNITO_ISSUER, cognitoIdClaims, groupTokens, signHs256WithPublicKey, signRs256, unsignedToken, USER_POOL_ID } from './tokens.js';
export type { TestAuthorizer, TestAuthorizerOptions } from './harness.js';
export { COGNITO_CONFIG, OIDC_ISSUER, ROUTER, TEAM_TABLE, tableWithTtl, testAuthorizer } from './harness.js';
export type { JwksServer } from './jwks-server.js';
export { startJwksServer, unreachableJwksUri } from './jwks-server.js';
export type { LogCapture } from './log-capture.js';
export { captureLogs, stdoutLineWriter } from './log-capture.js';
export { useJwksServer, useLogCapture } from './fixtures.js';
export { BENCH_CLIENT_ID, BENCH_ISSUER, bundleEnvironment } from './bundle-environment.js';
