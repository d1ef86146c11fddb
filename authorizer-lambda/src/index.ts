// The public API of @mlflow-authz/authorizer: the REQUEST authorizer and what builds it. The Lambda's entry point
// is src/lambda.ts (bundled by bundle/bundle.ts); how API Gateway is set up around it is
// `@mlflow-authz/authorizer/deployment`; test support (keys, tokens, events, a harness) is
// `@mlflow-authz/authorizer/testing`.
export { ANONYMOUS, createAuthorizer } from './authorizer.js';
export type { AuthorizerHandler, AuthorizerOptions } from './authorizer.js';
export type { AuthorizerResult, PolicyDocument, PolicyStatement } from './policy.js';
export { INVOKE } from './policy.js';
export type { AuthorizerEnvironment, VerifierConfig } from './config.js';
export { readEnvironment } from './config.js';
export { createTokenVerifier } from './token-verifier.js';
export type { TokenVerifier } from './token-verifier.js';
export { parseJwksJson } from './preloaded-jwks.js';
export { createDecisionLogger } from './decision-log.js';
export type { DecisionLogger } from './decision-log.js';
export { VerifiedTokenCache } from './verified-token-cache.js';
export { COOKIE_METHODS, COOKIE_OPERATIONS } from './cookie-operations.js';
export { TOKEN_COOKIE_NAME } from './cookie.js';
export { UNAUTHORIZED } from './errors.js';
