import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, Decider, Router, compilePermissions, instantiate, MLFLOW_VERSION, parseTemplate } from '@mlflow-authz/core';
import { FIXTURES, fixtureYaml } from '../fixtures/index.js';
import { arbitraryPermissions } from '../support/arbitrary-permissions.js';
import type { ReferenceModel } from './reference-model.js';
import { permitted } from '../contract/decision.js';
import { referenceModel, rightsOfRoles } from './reference-model.js';
import { referenceRoute } from './reference-router.js';

const router = new Router(CATALOGUE);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const instances = CATALOGUE.flatMap((op) =>
  op.routes.map((r) => instantiate(parseTemplate(r.path, r.engine), (name, c) => (c === 'path' ? `d/${name}.txt` : `v-${name}`))),
);
const literals = [...new Set(CATALOGUE.flatMap((op) => op.routes.flatMap((r) => r.path.split('/'))))].filter((s) => !/[<{]/.test(s));

/** Requests near real ones: instances, literal/parameter swaps, extra or missing segments, odd spellings. */
const nearMissPath = fc.oneof(
  fc.constantFrom(...instances),
  fc.tuple(fc.constantFrom(...instances), fc.nat(), fc.constantFrom(...literals, 'x', '', '.', '..', '%2F', '%73', 'a%20b', 'é')).map(([p, i, s]) => {
    const parts = p.split('/');
    parts[1 + (i % (parts.length - 1))] = s;
    return parts.join('/');
  }),
  fc.tuple(fc.constantFrom(...instances), fc.constantFrom('/', '/x', '/x/y', '//', '/..')).map(([p, s]) => p + s),
  fc.constantFrom(...instances).map((p) => p.split('/').slice(0, -1).join('/') || '/'),
  fc.constantFrom(...instances).map((p) => p.replace('/api/', '/ajax-api/').replace('/2.0/', '/3.0/')),
  fc.constantFrom(...instances).map((p) => p.toUpperCase()),
);

describe('the reference router agrees with authz-core\'s router', () => {
  it('on every catalogue instance and on near misses, for every method', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), nearMissPath, (method, path) => {
        const result = router.route(method, path);
        const expected = result.kind === 'operation' ? result.operation.id : null;
        const reference = referenceRoute(CATALOGUE, method, path);
        // expect() only on a difference (ids or null: !== is toBe here): it costs more than both routers together.
        if (reference !== expected) expect(reference).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });
});

/**
 * Both readings of one file (authz-core's compiled decider, the reference model), or undefined when it does not
 * compile. Kept per file text: half the runs draw one of the fixtures, and reading the same text again gives the
 * same answers, so each fixture is read once instead of about 500 times.
 */
interface Reading {
  readonly names: readonly string[];
  readonly decider: Decider;
  readonly model: ReferenceModel;
}
const readings = new Map<string, Reading | undefined>();
function readFile(yaml: string): Reading | undefined {
  if (readings.has(yaml)) return readings.get(yaml);
  const compiled = compilePermissions(yaml, CATALOGUE, MLFLOW_VERSION);
  const read = compiled.ok
    ? {
        names: compiled.permissions.roles.map((r) => r.name),
        decider: new Decider(router, new Map(compiled.permissions.roles.map((r) => [r.name, r.grantedBy]))),
        model: referenceModel(yaml, CATALOGUE),
      }
    : undefined;
  readings.set(yaml, read);
  return read;
}

describe('the reference model agrees with authz-core\'s compiler and decision', () => {
  it('on a trailing slash whose path without it runs an operation the role lacks (a counterexample the property found)', () => {
    const yaml = 'version: 1\nsettings:\n  mlflowVersion: 3.15.0\n  apiStageName: prod\nroles:\n  taggers:\n    description: tags MCP servers\n    grants: [delete_mcp_server_tag]\n';
    const read = readFile(yaml);
    expect(read).toBeDefined();
    const rights = read?.model.rights.get('taggers') ?? new Set<string>();
    // MLflow routes …/tags/ to delete_mcp_server_tag (empty key), but API Gateway hands it …/d, delete_mcp_server.
    for (const path of ['/api/3.0/mlflow/mcp-servers/d/tags/', '/api/3.0/mlflow/mcp-servers/d/name.txt/tags/']) {
      expect(read?.decider.decide(['taggers'], 'DELETE', path).effect, path).toBe('deny');
      expect(permitted(rights, { method: 'DELETE', path }).allowed, path).toBe(false);
    }
    expect(read?.decider.decide(['taggers'], 'DELETE', '/api/3.0/mlflow/mcp-servers/d/tags/k').effect).toBe('allow');
    expect(permitted(rights, { method: 'DELETE', path: '/api/3.0/mlflow/mcp-servers/d/tags/k' }).allowed).toBe(true);
  });

  it('on the fixtures and on random files', () => {
    const files = fc.oneof(fc.constantFrom(...FIXTURES.map(fixtureYaml)), arbitraryPermissions.map((f) => f.yaml));
    let compared = 0;
    fc.assert(
      fc.property(files, fc.constantFrom(...METHODS), nearMissPath, fc.nat(), (yaml, method, path, pick) => {
        const read = readFile(yaml);
        fc.pre(read !== undefined);
        if (read === undefined) return;
        const { names, decider, model } = read;
        const roles = names.filter((_, i) => ((pick >> i) & 1) === 1);
        const allowed = decider.decide(roles, method, path).effect === 'allow';
        // The contract's reading of the file: the union of the roles' rights, the public operations, and the
        // trailing-slash class (a `P/` that MLflow may run as `P` is allowed only if that is granted too).
        const reference = permitted(rightsOfRoles(model, roles), { method, path }).allowed;
        if (reference !== allowed) expect(reference).toBe(allowed);
        compared++;
      }),
      { numRuns: 2_000 },
    );
    // fast-check counts only the runs whose file compiled: all 2,000 compared a decision.
    expect(compared).toBe(2_000);
  });
});
