import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { Router } from '../router/router.js';
import { compilePermissions } from './compile.js';
import { Decider } from './decide.js';

const yaml = `version: 1
settings: { mlflowVersion: "${MLFLOW_VERSION}" }
roles:
  readers: { description: r, grants: ["*:read"] }
  approvers: { description: a, grants: [CreateModelVersion, TransitionModelVersionStage] }
  almost-admin: { description: x, grants: ["*"], deny: [DeleteRun] }
`;
const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
if (!compiled.ok) throw new Error('fixture must compile');
const decider = new Decider(new Router(CATALOGUE), new Map(compiled.permissions.roles.map((r) => [r.name, r.grantedBy])));

describe('decide', () => {
  it('denies a path with a trailing slash when MLflow, handed it without the slash, runs an operation not granted', () => {
    const curators = new Decider(new Router(CATALOGUE), new Map([['curators', new Map([['delete_mcp_server_version', ''], ['GetRun', '']])]]));
    const path = '/ajax-api/3.0/mlflow/mcp-servers/x/versions/';
    expect(curators.decide(['curators'], 'DELETE', path)).toEqual({
      effect: 'deny',
      operation: 'delete_mcp_server_version',
      reason: 'trailing slash: API Gateway hands MLflow the path without it, which runs delete_mcp_server, not granted',
    });
    expect(curators.decide(['curators'], 'DELETE', '/ajax-api/3.0/mlflow/mcp-servers/x/versions/1').effect).toBe('allow');
    // Without the slash the path runs nothing, or a granted operation: the slash changes nothing.
    expect(curators.decide(['curators'], 'GET', '/ajax-api/2.0/mlflow/runs/get/').effect).toBe('deny');
    expect(decider.decide(['almost-admin'], 'POST', '/ajax-api/3.0/jobs/').effect).toBe('allow');
  });

  it('gives a caller in several roles the union of their rights', () => {
    expect(decider.decide(['readers'], 'POST', '/api/2.0/mlflow/model-versions/create').effect).toBe('deny');
    expect(decider.decide(['approvers'], 'GET', '/api/2.0/mlflow/runs/get').effect).toBe('deny');
    for (const [method, path] of [
      ['POST', '/api/2.0/mlflow/model-versions/create'],
      ['GET', '/api/2.0/mlflow/runs/get'],
    ] as const) {
      expect(decider.decide(['readers', 'approvers'], method, path).effect).toBe('allow');
      expect(decider.decide(['approvers', 'readers'], method, path).effect).toBe('allow');
    }
  });

  it('names the granting role and grant, deterministically', () => {
    expect(decider.decide(['readers', 'almost-admin'], 'GET', '/ajax-api/2.0/mlflow/runs/get')).toEqual({
      effect: 'allow',
      operation: 'GetRun',
      reason: 'role almost-admin grants GetRun (grant "*")',
    });
  });

  it('lets a role\'s deny win over its own grants, but not over another role\'s grant', () => {
    expect(decider.decide(['almost-admin'], 'POST', '/api/2.0/mlflow/runs/delete').effect).toBe('deny');
    expect(decider.decide(['almost-admin'], 'POST', '/api/2.0/mlflow/runs/restore').effect).toBe('allow');
  });

  it('grants nothing for unknown roles or no role', () => {
    expect(decider.decide(['nobody'], 'GET', '/api/2.0/mlflow/runs/get')).toMatchObject({ effect: 'deny', operation: 'GetRun' });
    expect(decider.decide([], 'GET', '/api/2.0/mlflow/runs/get')).toEqual({
      effect: 'deny',
      operation: 'GetRun',
      reason: 'no role: the caller has no role',
    });
  });

  it('allows the public operations (the UI shell) to anyone, with no role, unknown roles or any role', () => {
    const publicOps = CATALOGUE.filter((op) => op.public === true).map((op) => op.id).sort();
    expect(publicOps).toEqual(['serve', 'serve_static_file']);
    for (const roles of [[], ['nobody'], ['approvers'], ['readers', 'almost-admin']]) {
      expect(decider.decide(roles, 'GET', '/')).toEqual({ effect: 'allow', operation: 'serve', reason: 'public: anyone may call serve, with a token or without' });
      expect(decider.decide(roles, 'GET', '/static-files/static/js/main.js')).toMatchObject({ effect: 'allow', operation: 'serve_static_file' });
      expect(decider.decide(roles, 'HEAD', '/')).toMatchObject({ effect: 'allow', operation: 'serve' });
      // Not public: the build folder route and everything else still need a role.
      expect(decider.decide(roles.filter((r) => r !== 'readers' && r !== 'almost-admin'), 'GET', '/build/index.html').effect).toBe('deny');
      expect(decider.decide(roles, 'POST', '/').effect).toBe('deny');
    }
  });

  it('denies what routes nowhere, saying why', () => {
    expect(decider.decide(['almost-admin'], 'GET', '/api/2.0/mlflow/runs/get/x')).toEqual({
      effect: 'deny',
      operation: null,
      reason: 'no route: MLflow serves no operation at this method and path',
    });
    expect(decider.decide(['almost-admin'], 'GET', '/api/2.0/mlflow/../runs/get').reason).toBe('no route: malformed path (dot-segment)');
    expect(decider.decide(['almost-admin'], 'OPTIONS', '/api/2.0/mlflow/runs/get').reason).toBe('no route: method is not routed');
  });
});
