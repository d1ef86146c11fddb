import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiScope } from './api-scope.js';

const BASE = 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/';
const scope = new ApiScope(BASE);
// The page itself sits at the base; a relative URL is resolved against it, as fetch and XHR do.
const PAGE = `${BASE}#/experiments/1`;

describe('ApiScope.covers', () => {
  it.each([
    ['ajax-api/2.0/mlflow/runs/search', true],
    ['./graphql', true],
    ['get-artifact?path=a.png&run_uuid=r', true],
    [`${BASE}ajax-api/2.0/mlflow/experiments/get?experiment_id=1`, true],
    [new URL('ajax-api/3.0/mlflow/traces/search', BASE), true],
    ['HTTPS://ABC.execute-api.eu-west-1.amazonaws.com/prod/x', true],
    ['https://abc.execute-api.eu-west-1.amazonaws.com:443/prod/x', true],
    ['static-files/%2e%2e/ajax-api/2.0/x', true],
    // leaves the base path
    ['../ajax-api/2.0/mlflow/runs/search', false],
    ['/ajax-api/2.0/mlflow/runs/search', false],
    ['/prod', false],
    ['/production/x', false],
    ['%2e%2e/dev/ajax-api', false],
    ['ajax-api/../../dev/x', false],
    ['/prod/..%2fdev/x', true], // an escaped slash is not a separator: still under /prod/
    // other origins, however they are spelled
    ['//evil.example/prod/ajax-api', false],
    ['\\\\evil.example/prod/ajax-api', false],
    ['/\\evil.example/prod/ajax-api', false],
    ['https://evil.example/prod/ajax-api', false],
    ['https://abc.execute-api.eu-west-1.amazonaws.com.evil.example/prod/', false],
    ['https://evil.example/https://abc.execute-api.eu-west-1.amazonaws.com/prod/', false],
    ['http://abc.execute-api.eu-west-1.amazonaws.com/prod/x', false],
    ['https://abc.execute-api.eu-west-1.amazonaws.com:8443/prod/x', false],
    ['https://user:pw@abc.execute-api.eu-west-1.amazonaws.com/prod/x', false],
    ['https://abc.execute-api.eu-west-1.amazonaws.com@evil.example/prod/x', false],
    // other schemes
    ['blob:https://abc.execute-api.eu-west-1.amazonaws.com/4f1c', false],
    ['data:text/plain,hello', false],
    ['javascript:alert(1)', false],
    ['http://[::1', false],
  ])('%s → %s', (input, expected) => {
    expect(scope.covers(input, PAGE)).toBe(expected);
  });

  it('never covers the issuer once excluded, even under the base path', () => {
    const local = new ApiScope('http://127.0.0.1:8080/');
    local.exclude('http://127.0.0.1:8080/oidc');
    expect(local.covers('http://127.0.0.1:8080/oidc')).toBe(false);
    expect(local.covers('http://127.0.0.1:8080/oidc/token')).toBe(false);
    expect(local.covers('http://127.0.0.1:8080/oidc-other/x')).toBe(true);
    expect(local.covers('http://127.0.0.1:8080/ajax-api/2.0/mlflow/runs/search')).toBe(true);
  });

  // An independent model of where a relative path lands: RFC 3986 dot-segment removal over the page's segments.
  const SEGMENT = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2e', 'ajax-api', 'prod', 'dev', 'x', '');
  it('covers a relative path exactly when its dot segments never climb out of the base path', () => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(fc.array(SEGMENT, { minLength: 1, maxLength: 8 }), (segments) => {
        const stack = ['prod'];
        segments.forEach((segment, i) => {
          const dots = segment.toLowerCase().replaceAll('%2e', '.');
          if (dots === '..') stack.pop();
          else if (dots !== '.') stack.push(segment);
          // a trailing dot segment leaves a directory: nothing is pushed for it
          if (i === segments.length - 1 && (dots === '.' || dots === '..')) stack.push('');
        });
        const expected = stack[0] === 'prod' && stack.length > 1;
        if (expected) inside++;
        else outside++;
        expect(scope.covers(`./${segments.join('/')}`, PAGE)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(inside).toBeGreaterThan(200);
    expect(outside).toBeGreaterThan(200);
  });

  const HOST = fc.constantFrom('evil.example', 'abc.execute-api.eu-west-1.amazonaws.com.evil.example', 'execute-api.eu-west-1.amazonaws.com', 'abc.execute-api.eu-west-1.amazonaws.co', '127.0.0.1');
  const PREFIX = fc.constantFrom('//', 'https://', 'http://', '\\\\', '/\\', 'https:\\\\', 'https://abc.execute-api.eu-west-1.amazonaws.com@');
  it('never covers a URL naming another host, however the authority is spelled', () => {
    let checked = 0;
    fc.assert(
      fc.property(PREFIX, HOST, fc.array(SEGMENT, { maxLength: 4 }), (prefix, host, segments) => {
        const input = `${prefix}${host}/prod/${segments.join('/')}`;
        expect(scope.covers(input, PAGE)).toBe(false);
        checked++;
      }),
      { numRuns: 500 },
    );
    expect(checked).toBe(500);
  });
});
