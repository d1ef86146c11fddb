import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { VerifierConfig } from './config.js';
import { LoopbackHttpFetcher } from './loopback-fetcher.js';
import { toInvalidTokenError } from './token-errors.js';

/** aws-jwt-verify's verifier, reduced to what the authorizer calls. Created once per process: it holds the JWKS. */
export interface TokenVerifier {
  /** Verifies against the cached JWKS only; throws `KidNotFoundInJwksError`/`JwksNotAvailableInCacheError` if a fetch is needed. */
  verifySync(token: string): JwtPayload;
  /** Verifies, fetching the JWKS first if the token's key id is not cached (rate-limited by the library). */
  verify(token: string): Promise<JwtPayload>;
  /** Loads a JWKS document into the cache. */
  cacheJwks(jwks: Jwks): void;
  /** Fetches the JWKS into the cache. */
  hydrate(): Promise<void>;
}

/**
 * Builds the verifier for the configuration: `CognitoJwtVerifier` (issuer, client id, `token_use`) or, for a
 * local issuer, `JwtVerifier` (the class `JwtRsaVerifier` aliases) with a fetcher that also accepts
 * loopback `http:`. `fetcher` replaces the network in tests only.
 */
export function createTokenVerifier(config: VerifierConfig, options: { readonly fetcher?: Fetcher } = {}): TokenVerifier {
  if (config.kind === 'cognito') {
    const additional = options.fetcher ? { jwksCache: new SimpleJwksCache({ fetcher: options.fetcher }) } : undefined;
    const verifier = CognitoJwtVerifier.create(
      { userPoolId: config.userPoolId, clientId: [...config.clientIds], tokenUse: config.tokenUse },
      additional,
    );
    return {
      verifySync: (token) => verifier.verifySync(token),
      verify: (token) => verifier.verify(token),
      cacheJwks: (jwks) => verifier.cacheJwks(jwks),
      hydrate: () => verifier.hydrate(),
    };
  }
  const verifier = JwtVerifier.create(
    { issuer: config.issuer, audience: [...config.audiences], jwksUri: config.jwksUri },
    { jwksCache: new SimpleJwksCache({ fetcher: options.fetcher ?? new LoopbackHttpFetcher() }) },
  );
  return {
    verifySync: (token) => verifier.verifySync(token),
    verify: (token) => verifier.verify(token),
    cacheJwks: (jwks) => verifier.cacheJwks(jwks),
    hydrate: () => verifier.hydrate(),
  };
}

/**
 * Verifies a token: synchronously when its key is cached (no promise, no await), else through the library's
 * fetch of the JWKS. Every failure, whatever its cause, becomes an `InvalidTokenError` naming the failed check.
 */
export function verifyToken(verifier: TokenVerifier, token: string): JwtPayload | Promise<JwtPayload> {
  try {
    return verifier.verifySync(token);
  } catch (err) {
    if (err instanceof KidNotFoundInJwksError || err instanceof JwksNotAvailableInCacheError) {
      return verifier.verify(token).catch((fetchErr: unknown) => {
        throw toInvalidTokenError(fetchErr);
      });
    }
    throw toInvalidTokenError(err);
  }
}
