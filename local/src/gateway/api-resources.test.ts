import { describe, expect, it } from 'vitest';
import { browserResourcesOf, resourceMatches, resourcePathOf } from './api-resources.js';

describe('API Gateway resources', () => {
  it('match literal segments, {x} one segment and {x+} one or more', () => {
    const one = { path: '/a/{id}/b', methods: new Set(['GET']) };
    const greedy = { path: '/a/{rest+}', methods: new Set(['GET', 'HEAD']) };
    expect(resourceMatches(one, 'GET', '/a/1/b')).toBe(true);
    expect(resourceMatches(one, 'POST', '/a/1/b')).toBe(false);
    expect(resourceMatches(one, 'GET', '/a//b')).toBe(false);
    expect(resourceMatches(one, 'GET', '/a/1/2/b')).toBe(false);
    expect(resourceMatches(greedy, 'HEAD', '/a/x/y/z')).toBe(true);
    expect(resourceMatches(greedy, 'GET', '/a/')).toBe(false);
    expect(resourceMatches(greedy, 'GET', '/a')).toBe(false);
    expect(resourceMatches({ path: '/get-artifact', methods: new Set(['GET']) }, 'GET', '/get-artifact')).toBe(true);
  });

  it('are derived from catalogue routes', () => {
    expect(resourcePathOf('/ajax-api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>', 'flask')).toBe('/ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path+}');
    expect(resourcePathOf('/x/{id}/y', 'fastapi')).toBe('/x/{id}/y');
    const cookie = browserResourcesOf(new Set(['serve_artifacts', 'DownloadArtifact', 'serve_get_logged_model_artifact', 'serve_model_version_artifact']), ['GET', 'HEAD']);
    expect(cookie.map((r) => r.path)).toEqual([
      '/ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path+}',
      '/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
      '/get-artifact',
      '/model-versions/get-artifact',
    ]);
  });
});
