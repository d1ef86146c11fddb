import { describe, expect, it } from 'vitest';
import { GENERATED_TABLE } from '../test/harness.js';
import { BEARER_IDENTITY_SOURCES, COOKIE_IDENTITY_SOURCES, authorizerDeployment, publicRoutes, readAuthorizerDeployment } from './deployment.js';

describe('the deployment facts infra reads', () => {
  it('key the cache on the token and the request', () => {
    expect(BEARER_IDENTITY_SOURCES).toEqual(['method.request.header.Authorization', 'context.httpMethod', 'context.path']);
    expect(COOKIE_IDENTITY_SOURCES).toEqual(['method.request.header.Cookie', 'context.httpMethod', 'context.path']);
  });

  it('name the public routes as API Gateway resources', () => {
    expect(publicRoutes()).toEqual([
      { operation: 'serve_static_file', method: 'GET', template: '/static-files/<path:path>', resourcePath: '/static-files/{proxy+}' },
      { operation: 'serve', method: 'GET', template: '/', resourcePath: '/' },
    ]);
  });

  it('read the TTL, stage and policy version from generated/', () => {
    const root = new URL('../../', import.meta.url).pathname;
    expect(readAuthorizerDeployment(root)).toEqual(authorizerDeployment(GENERATED_TABLE));
    expect(readAuthorizerDeployment(root)).toMatchObject({ cacheTtlSeconds: GENERATED_TABLE.authorizerCacheTtlSeconds, stageName: 'prod' });
  });
});
