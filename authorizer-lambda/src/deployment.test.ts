import { describe, expect, it } from 'vitest';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { TEAM } from '@mlflow-authz/test/fixtures';
import { TEAM_TABLE } from '../test/harness.js';
import { BEARER_IDENTITY_SOURCES, COOKIE_IDENTITY_SOURCES, authorizerDeployment, cookieRoutes, publicRoutes, readAuthorizerDeployment, resourcePathMatches, resourcePathOf } from './deployment.js';

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

  it('name the cookie authorizer\'s routes: GET and HEAD on each browser route of the four cookie operations', () => {
    const routes = cookieRoutes().map((r) => `${r.method} ${r.resourcePath} ${r.operation}`);
    expect(routes.sort()).toEqual(
      [
        ['/get-artifact', 'serve_artifacts'],
        ['/model-versions/get-artifact', 'serve_model_version_artifact'],
        ['/ajax-api/2.0/mlflow-artifacts/artifacts/{proxy+}', 'DownloadArtifact'],
        ['/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files', 'serve_get_logged_model_artifact'],
      ]
        .flatMap(([path, op]) => [`GET ${path} ${op}`, `HEAD ${path} ${op}`])
        .sort(),
    );
  });

  it('turn Flask and Starlette templates into API Gateway resource paths', () => {
    expect(resourcePathOf('/')).toBe('/');
    expect(resourcePathOf('/static-files/<path:path>')).toBe('/static-files/{proxy+}');
    expect(resourcePathOf('/ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path:path}')).toBe('/ajax-api/2.0/mlflow-artifacts/artifacts/{proxy+}');
    expect(resourcePathOf('/ajax-api/2.0/mlflow/logged-models/<model_id>/artifacts/files')).toBe('/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files');
    expect(resourcePathOf('/ajax-api/3.0/jobs/{job_id}')).toBe('/ajax-api/3.0/jobs/{job_id}');
    expect(() => resourcePathOf('/a/<path:p>/b')).toThrow(/must be the last segment/);
    expect(() => resourcePathOf('/a/x<y>')).toThrow(/not a whole variable/);
  });

  it('match paths to resources as API Gateway does', () => {
    expect(resourcePathMatches('/get-artifact', '/get-artifact')).toBe(true);
    expect(resourcePathMatches('/get-artifact', '/get-artifact/')).toBe(true);
    expect(resourcePathMatches('/get-artifact', '/get-artifact/x')).toBe(false);
    expect(resourcePathMatches('/a/{id}/b', '/a/1/b')).toBe(true);
    expect(resourcePathMatches('/a/{id}/b', '/a//b')).toBe(false);
    expect(resourcePathMatches('/a/{proxy+}', '/a/x/y')).toBe(true);
    expect(resourcePathMatches('/a/{proxy+}', '/a/')).toBe(false);
    expect(resourcePathMatches('/a/{proxy+}', '/a')).toBe(false);
    expect(resourcePathMatches('/', '/')).toBe(true);
    expect(resourcePathMatches('/', '/x')).toBe(false);
  });

  it('read the TTL, stage and policy version from generated/', () => {
    // The fixture's project, as npm run generate wrote it; its table is the harness's, planned in memory.
    const root = fixtureProject(TEAM).root;
    expect(readAuthorizerDeployment(root)).toEqual(authorizerDeployment(TEAM_TABLE));
    expect(readAuthorizerDeployment(root)).toMatchObject({ cacheTtlSeconds: 300, stageName: 'prod' });
  });
});
