import { describe, expect, it } from 'vitest';
import { readEnvironment } from './config.js';
import { ConfigurationError } from './errors.js';

const COGNITO = { COGNITO_USER_POOL_ID: 'eu-west-1_abc', COGNITO_CLIENT_IDS: 'c1, c2', COGNITO_TOKEN_USE: 'id' };

describe('readEnvironment', () => {
  it('reads the Cognito configuration (the default verifier)', () => {
    expect(readEnvironment(COGNITO)).toEqual({
      verifier: { kind: 'cognito', userPoolId: 'eu-west-1_abc', clientIds: ['c1', 'c2'], tokenUse: 'id' },
      preloadedJwks: undefined,
    });
  });

  it('reads the OIDC configuration and a preloaded JWKS', () => {
    const env = { JWT_VERIFIER: 'oidc', OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_JWKS_URI: 'http://127.0.0.1:9000/jwks', OIDC_AUDIENCE: 'ui', JWKS_JSON: '{"keys":[]}' };
    expect(readEnvironment(env)).toEqual({
      verifier: { kind: 'oidc', issuer: 'http://127.0.0.1:9000', jwksUri: 'http://127.0.0.1:9000/jwks', audiences: ['ui'] },
      preloadedJwks: '{"keys":[]}',
    });
  });

  it.each([
    ['no user pool', { ...COGNITO, COGNITO_USER_POOL_ID: '' }, 'COGNITO_USER_POOL_ID'],
    ['no client id', { ...COGNITO, COGNITO_CLIENT_IDS: ' , ' }, 'COGNITO_CLIENT_IDS'],
    ['no token use', { ...COGNITO, COGNITO_TOKEN_USE: undefined }, 'COGNITO_TOKEN_USE'],
    ['a bad token use', { ...COGNITO, COGNITO_TOKEN_USE: 'refresh' }, 'COGNITO_TOKEN_USE'],
    ['an unknown verifier', { ...COGNITO, JWT_VERIFIER: 'saml' }, 'JWT_VERIFIER'],
    ['plain http to another host', { JWT_VERIFIER: 'oidc', OIDC_ISSUER: 'x', OIDC_JWKS_URI: 'http://idp.example.com/jwks', OIDC_AUDIENCE: 'a' }, 'OIDC_JWKS_URI'],
    ['a JWKS URI that is not a URL', { JWT_VERIFIER: 'oidc', OIDC_ISSUER: 'x', OIDC_JWKS_URI: 'jwks', OIDC_AUDIENCE: 'a' }, 'OIDC_JWKS_URI'],
  ])('refuses %s, naming the variable', (_name, env, variable) => {
    expect(() => readEnvironment(env)).toThrow(ConfigurationError);
    expect(() => readEnvironment(env)).toThrow(variable);
  });
});
