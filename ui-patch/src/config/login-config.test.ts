import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE, LOGIN_CONFIG_FILE, LoginConfigError, parseLoginConfig, parseLoginConfigText } from './login-config.js';

const COGNITO = {
  version: 1,
  authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
  clientId: '1example23456789',
  redirectUri: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/',
  postLogoutRedirectUri: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/',
  logoutUrl: 'https://mlflow-team.auth.eu-west-1.amazoncognito.com/logout',
  scope: 'openid email profile',
};

describe('parseLoginConfig', () => {
  it('accepts the Cognito document as written by infra', () => {
    expect(parseLoginConfig(COGNITO)).toEqual(COGNITO);
    expect(LOGIN_CONFIG_FILE).toBe('mlflow-login.json');
  });

  it('accepts a local issuer on plain http loopback, without logoutUrl or scope', () => {
    const local = { version: 1, authority: 'http://127.0.0.1:8081/', clientId: 'mlflow-local', redirectUri: 'http://127.0.0.1:8080/', postLogoutRedirectUri: 'http://127.0.0.1:8080/' };
    expect(parseLoginConfig(local)).toEqual({ ...local, authority: 'http://127.0.0.1:8081', scope: DEFAULT_SCOPE });
  });

  it.each([
    ['null', null, 'must be a JSON object, not null'],
    ['an array', [COGNITO], 'must be a JSON object, not an array'],
    ['a typo', { ...COGNITO, clientID: 'x' }, 'has an unknown field "clientID" (did you mean "clientId"?)'],
    ['another version', { ...COGNITO, version: 2 }, 'has version 2; this login script understands version 1'],
    ['no version', { ...COGNITO, version: undefined }, 'needs "version": 1'],
    ['no client', { ...COGNITO, clientId: undefined }, '"clientId" must be a non-empty string and is missing'],
    ['a numeric client', { ...COGNITO, clientId: 12 }, '"clientId" must be a non-empty string, not number 12'],
    ['plain http', { ...COGNITO, authority: 'http://cognito-idp.eu-west-1.amazonaws.com/pool' }, '"authority" must be an https URL'],
    ['a relative URL', { ...COGNITO, redirectUri: '/prod/' }, '"redirectUri" must be an absolute URL (got "/prod/")'],
    ['no trailing slash', { ...COGNITO, redirectUri: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod' }, '"redirectUri" must be the UI\'s base URL ending with "/"'],
    ['a fragment', { ...COGNITO, redirectUri: 'https://x.example/prod/#/' }, '"redirectUri" must not contain a fragment'],
    ['credentials', { ...COGNITO, logoutUrl: 'https://u:p@x.example/logout' }, '"logoutUrl" must not contain a user name or password'],
    ['a query on the issuer', { ...COGNITO, authority: 'https://x.example/?a=1' }, '"authority" must not contain a query'],
    ['no openid scope', { ...COGNITO, scope: 'email profile' }, '"scope" must include "openid"'],
  ])('refuses %s with a message naming the problem', (_label, doc, message) => {
    const json = doc === null || Array.isArray(doc) ? doc : JSON.parse(JSON.stringify(doc));
    expect(() => parseLoginConfig(json)).toThrow(LoginConfigError);
    expect(() => parseLoginConfig(json)).toThrow(`${LOGIN_CONFIG_FILE} ${message}`);
  });

  it('reports text that is not JSON as such', () => {
    expect(() => parseLoginConfigText('{"version": 1,')).toThrow(/^mlflow-login\.json is not valid JSON/);
    expect(() => parseLoginConfigText('<html>404</html>')).toThrow(LoginConfigError);
  });

  it('answers any JSON value with a valid configuration or a LoginConfigError, never another exception', () => {
    const field = fc.constantFrom('version', 'authority', 'clientId', 'redirectUri', 'postLogoutRedirectUri', 'logoutUrl', 'scope', 'extra');
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(1, 'https://x.example/', 'http://127.0.0.1:1/', 'openid', 'https://[::1', '', ' '));
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ base: fc.constant(COGNITO), edits: fc.dictionary(field, value, { maxKeys: 2 }) }).map(({ base, edits }) => ({ ...base, ...edits }))), (doc) => {
        try {
          const config = parseLoginConfig(doc);
          accepted++;
          expect(config.version).toBe(1);
          expect(new URL(config.redirectUri).pathname.endsWith('/')).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(LoginConfigError);
          refused++;
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(500);
  });
});
