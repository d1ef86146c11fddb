import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE } from '@mlflow-authz/core';
import { describe, expect, it } from 'vitest';
import { planRoutes } from '../src/api/route-plan.js';

describe('planRoutes', () => {
  it('routes the catalogue\'s public operations, the login document, the cookie reads, the IAM surface and the rest', () => {
    const plan = planRoutes();
    const by = (auth: string) => plan.filter((r) => r.authorization === auth).map((r) => `${r.method} ${r.resourcePath}`).sort();
    expect(by('none')).toEqual(['GET /', 'GET /mlflow-login.json', 'GET /static-files/{proxy+}']);
    expect(by('iam')).toEqual(['ANY /api/{proxy+}']);
    expect(by('bearer')).toEqual(['ANY /{proxy+}']);
    expect(by('cookie')).toEqual([
      'GET /ajax-api/2.0/mlflow-artifacts/artifacts/{proxy+}',
      'GET /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
      'GET /get-artifact',
      'GET /model-versions/get-artifact',
      'HEAD /ajax-api/2.0/mlflow-artifacts/artifacts/{proxy+}',
      'HEAD /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
      'HEAD /get-artifact',
      'HEAD /model-versions/get-artifact',
    ]);
    expect(plan.some((r) => r.resourcePath === '/' && r.method === 'ANY')).toBe(false);
  });

  it('follows the catalogue: a public operation that moves moves its route, a missing one stops the app', () => {
    const moved = CATALOGUE.map((o): Operation => (o.id === 'serve_static_file' ? { ...o, routes: [{ method: 'GET', path: '/assets/<path:p>', engine: 'flask' }] } : o));
    expect(planRoutes(moved).filter((r) => r.authorization === 'none').map((r) => r.resourcePath)).toContain('/assets/{proxy+}');
    expect(() => planRoutes(CATALOGUE.filter((o) => o.id !== 'serve'))).toThrow(/no public GET \/ \(the UI shell\)/);
    expect(() => planRoutes(CATALOGUE.filter((o) => o.id !== 'DownloadArtifact'))).toThrow(/cookie operation DownloadArtifact/);
  });

  it('refuses a route planned with two authorizations', () => {
    const clash = CATALOGUE.map((o): Operation => (o.id === 'serve_artifacts' ? { ...o, routes: [{ method: 'GET', path: '/', engine: 'flask' }] } : o));
    expect(() => planRoutes(clash)).toThrow(/GET \/ is planned both as none and as cookie/);
  });
});
