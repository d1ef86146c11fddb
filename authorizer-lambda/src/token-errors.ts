import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidGroupError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwksValidationError,
  JwkValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { InvalidTokenError } from './errors.js';

// aws-jwt-verify's errors all carry the name "Error" and minification renames their classes, so they are told
// apart by class here, once, in order (subclasses before their parents). Messages are never logged: several
// quote claim values taken from the unverified token.
const REASONS: readonly (readonly [abstract new (...args: never[]) => Error, string])[] = [
  [JwtExpiredError, 'token expired'],
  [JwtNotBeforeError, 'token not yet valid'],
  [JwtInvalidIssuerError, 'wrong issuer'],
  [JwtInvalidAudienceError, 'wrong audience'],
  [CognitoJwtInvalidClientIdError, 'wrong client id'],
  [CognitoJwtInvalidTokenUseError, 'wrong token_use'],
  [CognitoJwtInvalidGroupError, 'group check failed'],
  [JwtInvalidSignatureAlgorithmError, 'signature algorithm not accepted'],
  [JwtInvalidSignatureError, 'bad signature'],
  [JwtWithoutValidKidError, 'no key id'],
  [KidNotFoundInJwksError, 'unknown key id'],
  [WaitPeriodNotYetEndedJwkError, 'unknown key id (JWKS refetch rate-limited)'],
  [FetchError, 'JWKS unavailable'],
  [JwksValidationError, 'JWKS invalid'],
  [JwkValidationError, 'JWK invalid'],
  [JwkInvalidUseError, 'JWK not for signatures'],
  [JwkInvalidKtyError, 'JWK type does not match the algorithm'],
  [JwtParseError, 'not a parseable JWT'],
  // What CognitoJwtVerifier throws for an issuer other than the pool's (`issuer not configured`).
  [ParameterValidationError, 'issuer not configured'],
  [JwtBaseError, 'invalid token'],
];

/** Turns whatever verification threw into an `InvalidTokenError` whose reason names the failed check. */
export function toInvalidTokenError(err: unknown): InvalidTokenError {
  if (err instanceof InvalidTokenError) return err;
  for (const [type, reason] of REASONS) if (err instanceof type) return new InvalidTokenError(reason);
  return new InvalidTokenError('token verification failed (unexpected error)');
}
