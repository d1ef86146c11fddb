import { cookieRoutes, publicRoutes } from '@mlflow-authz/authorizer/deployment';
import { describe, expect, it } from 'vitest';
import { resourceMatches, resourcesOf } from './api-resources.js';

describe('API Gateway resources', () => {
  it('match literal segments, {x} one segment and {x+} one or more, ignoring trailing slashes', () => {
    const one = { path: '/a/{id}/b', methods: new Set(['GET']) };
    const greedy = { path: '/a/{rest+}', methods: new Set(['GET', 'HEAD']) };
    expect(resourceMatches(one, 'GET', '/a/1/b')).toBe(true);
    expect(resourceMatches(one, 'GET', '/a/1/b/')).toBe(true);
    expect(resourceMatches(one, 'POST', '/a/1/b')).toBe(false);
    expect(resourceMatches(one, 'GET', '/a//b')).toBe(false);
    expect(resourceMatches(one, 'GET', '/a/1/2/b')).toBe(false);
    expect(resourceMatches(greedy, 'HEAD', '/a/x/y/z')).toBe(true);
    expect(resourceMatches(greedy, 'GET', '/a/')).toBe(false);
    expect(resourceMatches(greedy, 'GET', '/a')).toBe(false);
    expect(resourceMatches({ path: '/get-artifact', methods: new Set(['GET']) }, 'GET', '/get-artifact')).toBe(true);
  });

  it('are the deployed routes: the public ones and the cookie authorizer\'s', () => {
    expect(resourcesOf(publicRoutes()).map((r) => `${[...r.methods].join(',')} ${r.path}`)).toEqual(['GET /', 'GET /static-files/{proxy+}']);
    expect(resourcesOf(cookieRoutes()).map((r) => `${[...r.methods].sort().join(',')} ${r.path}`)).toEqual([
      'GET,HEAD /ajax-api/2.0/mlflow-artifacts/artifacts/{proxy+}',
      'GET,HEAD /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
      'GET,HEAD /get-artifact',
      'GET,HEAD /model-versions/get-artifact',
    ]);
  });
});
