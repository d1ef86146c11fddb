import { describe, expect, it } from 'vitest';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { TEAM } from '@mlflow-authz/test/fixtures';
import { TEAM_TABLE } from '../test/harness.js';
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
    // The fixture's project, as npm run generate wrote it; its table is the harness's, planned in memory.
    const root = fixtureProject(TEAM).root;
    expect(readAuthorizerDeployment(root)).toEqual(authorizerDeployment(TEAM_TABLE));
    expect(readAuthorizerDeployment(root)).toMatchObject({ cacheTtlSeconds: 300, stageName: 'prod' });
  });
});
