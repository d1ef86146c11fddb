// Builds authorizers the way src/index.ts does, with test keys, a local JWKS endpoint and a chosen table.
import type { AuthorizerTable } from '@mlflow-authz/core';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import { NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import generatedTable from '../../generated/authorizer/permissions.json' with { type: 'json' };
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

/** generated/authorizer/permissions.json as committed. */
export const GENERATED_TABLE: AuthorizerTable = generatedTable;

/** The generated table with another authorizer cache TTL. */
export function tableWithTtl(ttl: number, table: AuthorizerTable = GENERATED_TABLE): AuthorizerTable {
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
  /** Where the JWKS really is (a local server); Cognito's https JWKS URI is redirected there. */
  readonly jwksUri: string;
  /** Default: the generated table (with cache TTL 0; the policies are the same for every TTL). */
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
  const verifier =
    options.mode === 'cognito'
      ? createTokenVerifier(COGNITO_CONFIG, { fetcher: redirectTo(options.jwksUri) })
      : createTokenVerifier({ kind: 'oidc', issuer: OIDC_ISSUER, jwksUri: options.jwksUri, audiences: [CLIENT_ID] });
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


// Cognito publishes a pool's keys under its regional and its global issuer; both are served from `jwksUri`.
function redirectTo(jwksUri: string): Fetcher {
  const loopback = new LoopbackHttpFetcher();
  const poolUris = [COGNITO_ISSUER, COGNITO_ISSUER.replace('https://cognito-idp.', 'https://issuer-cognito-idp.')].map(
    (issuer) => `${issuer}/.well-known/jwks.json`,
  );
  return {
    fetch: (uri) => (poolUris.includes(uri) ? loopback.fetch(jwksUri) : Promise.reject(new NonRetryableFetchError(uri, 'unexpected JWKS URI'))),
  };
}
