// Builds authorizers the way src/index.ts does, with test keys (preloaded as JWKS_JSON does, or served by a local
// JWKS endpoint) and a chosen table: by default the table of test/fixtures/readers-approvers-admins.yaml, never the
// project's own permissions.yaml, which users edit.
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import { fixtureTable, TEAM } from '@mlflow-authz/test/fixtures';
import { NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { AuthorizerHandler } from '../src/authorizer.js';
import { createAuthorizer } from '../src/authorizer.js';
import type { VerifierConfig } from '../src/config.js';
import { createDecisionLogger } from '../src/decision-log.js';
import { stdoutLineWriter } from './log-capture.js';
import { LoopbackHttpFetcher } from '../src/loopback-fetcher.js';
import type { TokenVerifier } from '../src/token-verifier.js';
import { createTokenVerifier } from '../src/token-verifier.js';
import { VerifiedTokenCache } from '../src/verified-token-cache.js';
import { CLIENT_ID, COGNITO_ISSUER, USER_POOL_ID } from './tokens.js';

/** The authorizer table of the tests' fixture roles (readers, model-approvers, admins), as generate plans it. */
export const TEAM_TABLE: AuthorizerTable = fixtureTable(TEAM);

/** A table with another authorizer cache TTL (by default the fixture's). */
export function tableWithTtl(ttl: number, table: AuthorizerTable = TEAM_TABLE): AuthorizerTable {
  return { ...table, authorizerCacheTtlSeconds: ttl };
}

/** The issuer of the tests' generic-OIDC tokens. */
export const OIDC_ISSUER = 'http://127.0.0.1/test-issuer';

/** One router for all tests: building it is the slowest part of an authorizer. */
export const ROUTER = new Router(CATALOGUE);

/** An authorizer under test and the state it keeps. */
export interface TestAuthorizer {
  readonly handler: AuthorizerHandler;
  readonly verifier: TokenVerifier;
  readonly tokenCache: VerifiedTokenCache;
}

/** How to build a test authorizer. */
export interface TestAuthorizerOptions {
  readonly mode: 'cognito' | 'oidc';
  /**
   * Where the JWKS really is (a local server); Cognito's https JWKS URI is redirected there. Without it, fetching
   * the JWKS fails at once (tests that preload the keys never fetch).
   */
  readonly jwksUri?: string;
  /** Keys loaded into the verifier before the first request, as the Lambda does with `JWKS_JSON`: no fetch, no timing. */
  readonly jwks?: Jwks;
  /** Default: the fixture's table (with cache TTL 0; the policies are the same for every TTL). */
  readonly table?: AuthorizerTable;
  readonly now?: () => number;
  readonly tokenCacheSize?: number;
  /** Default: the catalogue's router (tests inject a failing one). */
  readonly router?: Router;
}

/** The Cognito verifier configuration of the tests. */
export const COGNITO_CONFIG: VerifierConfig = { kind: 'cognito', userPoolId: USER_POOL_ID, clientIds: [CLIENT_ID], tokenUse: 'id' };

/** Builds an authorizer; in Cognito mode the pool's https JWKS URI is served from `jwksUri` instead. */
export function testAuthorizer(options: TestAuthorizerOptions): TestAuthorizer {
  const jwksUri = options.jwksUri ?? NO_JWKS_URI;
  const verifier =
    options.mode === 'cognito'
      ? createTokenVerifier(COGNITO_CONFIG, { fetcher: redirectTo(jwksUri) })
      : createTokenVerifier({ kind: 'oidc', issuer: OIDC_ISSUER, jwksUri, audiences: [CLIENT_ID] }, options.jwksUri === undefined ? { fetcher: refuseAll } : {});
  if (options.jwks !== undefined) verifier.cacheJwks(options.jwks);
  const tokenCache = new VerifiedTokenCache(options.tokenCacheSize);
  const table = options.table ?? tableWithTtl(0);
  const handler = createAuthorizer({
    table,
    router: options.router ?? ROUTER,
    verifier,
    logger: createDecisionLogger(stdoutLineWriter),
    tokenCache,
    ...(options.now ? { now: options.now } : {}),
  });
  return { handler, verifier, tokenCache };
}


// A JWKS URI no test serves: with preloaded keys, a fetch (an unknown key id) fails at once instead of waiting.
const NO_JWKS_URI = 'http://127.0.0.1/no-jwks-endpoint';
const refuseAll: Fetcher = { fetch: (uri) => Promise.reject(new NonRetryableFetchError(uri, 'the test preloads its keys; no JWKS is fetched')) };

// Cognito publishes a pool's keys under its regional and its global issuer; both are served from `jwksUri`.
function redirectTo(jwksUri: string): Fetcher {
  if (jwksUri === NO_JWKS_URI) return refuseAll;
  const loopback = new LoopbackHttpFetcher();
  const poolUris = [COGNITO_ISSUER, COGNITO_ISSUER.replace('https://cognito-idp.', 'https://issuer-cognito-idp.')].map(
    (issuer) => `${issuer}/.well-known/jwks.json`,
  );
  return {
    fetch: (uri) => (poolUris.includes(uri) ? loopback.fetch(jwksUri) : Promise.reject(new NonRetryableFetchError(uri, 'unexpected JWKS URI'))),
  };
}
