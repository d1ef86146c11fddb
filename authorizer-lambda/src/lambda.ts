// The Lambda entry point (bundled to dist/index.mjs): configuration from the environment, the generated table
// baked in, and every piece of state (JWKS, verified tokens) built once per cold start.
import { CATALOGUE, Router } from '@mlflow-authz/core';
import type { AuthorizerTable } from '@mlflow-authz/core';
import table from '../../generated/authorizer/permissions.json' with { type: 'json' };
import type { AuthorizerHandler } from './authorizer.js';
import { createAuthorizer } from './authorizer.js';
import { readEnvironment } from './config.js';
import { createDecisionLogger } from './decision-log.js';
import { parseJwksJson } from './preloaded-jwks.js';
import { createTokenVerifier } from './token-verifier.js';

const environment = readEnvironment(process.env);
const logger = createDecisionLogger();
const verifier = createTokenVerifier(environment.verifier);
if (environment.preloadedJwks !== undefined) {
  verifier.cacheJwks(parseJwksJson(environment.preloadedJwks));
} else {
  // Fetched during init so the first request does not wait for it; if it fails, the first request fetches
  // (and gets a 401 if that fails too), so init never fails on it.
  await verifier.hydrate().catch((err: unknown) => {
    logger.warn('JWKS not fetched at cold start; fetching on first use', { errorName: err instanceof Error ? err.name : typeof err });
  });
}

const router = new Router(CATALOGUE);
const authorizerTable: AuthorizerTable = table;

/** The REQUEST authorizer handler API Gateway invokes (see README.md). */
export const handler: AuthorizerHandler = createAuthorizer({
  table: authorizerTable,
  router,
  verifier,
  logger,
});
