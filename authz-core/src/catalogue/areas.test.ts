import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import { AREA_CONTENTS, RENAMED_AREAS } from './areas.js';
import { CATALOGUE } from './catalogue.js';
import { UI_LOAD_CALLS, UI_LOAD_CALLS_NOT_REQUIRED } from './data/ui-load.js';
import { AREAS } from './types.js';

const byId = new Map(CATALOGUE.map((op) => [op.id, op]));

describe('area vocabulary', () => {
  it('every area says what it holds; a renamed area points at a current one and is no longer an area', () => {
    for (const area of AREAS) expect(AREA_CONTENTS[area].length).toBeGreaterThan(10);
    for (const [old, { now }] of Object.entries(RENAMED_AREAS)) {
      expect(AREAS).not.toContain(old);
      expect(AREAS).toContain(now);
    }
  });

  it('prompt-optimization holds the optimization jobs and nothing of the prompt registry', () => {
    const ops = CATALOGUE.filter((op) => op.area === 'prompt-optimization');
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) expect(op.routes.every((r) => r.path.includes('/prompt-optimization/'))).toBe(true);
  });

  it("the prompt registry's calls (a prompt is a registered model, a prompt version a model version) are where the docs say", () => {
    // MLflow's AbstractStore.create_prompt/create_prompt_version/search_prompts/set_prompt_alias/get_prompt_version_by_alias
    // (mlflow/store/model_registry/abstract_store.py) call these registry RPCs.
    const registry: [string, string][] = [
      ['CreateRegisteredModel', 'registered-models'],
      ['SearchRegisteredModels', 'registered-models'],
      ['GetRegisteredModel', 'registered-models'],
      ['SetRegisteredModelAlias', 'registered-models'],
      ['GetModelVersionByAlias', 'registered-models'],
      ['CreateModelVersion', 'model-versions'],
      ['GetModelVersion', 'model-versions'],
    ];
    for (const [id, area] of registry) expect(byId.get(id)?.area, id).toBe(area);
  });
});

describe('what the UI calls as it loads', () => {
  const router = new Router(CATALOGUE);

  it('names catalogue reads the browser reaches through /ajax-api/ or a UI route, each with a reason and a source', () => {
    expect(UI_LOAD_CALLS.length).toBeGreaterThanOrEqual(2);
    expect(UI_LOAD_CALLS_NOT_REQUIRED.length).toBeGreaterThanOrEqual(3);
    for (const call of [...UI_LOAD_CALLS, ...UI_LOAD_CALLS_NOT_REQUIRED]) {
      const op = byId.get(call.operation);
      expect(op, call.operation).toBeDefined();
      expect(op?.access, call.operation).toBe('read');
      expect(op?.routes.some((r) => !r.path.startsWith('/api/')), call.operation).toBe(true);
      expect(call.reason.length).toBeGreaterThan(20);
      expect(call.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(call.source.file).toMatch(/^mlflow\/server\//);
    }
    for (const id of CATALOGUE.filter((op) => op.public === true).map((op) => op.id)) {
      expect(byId.get(id)?.routes.every((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !r.path.startsWith('/ajax-api/')), id).toBe(true);
      expect(UI_LOAD_CALLS_NOT_REQUIRED.map((c) => c.operation)).toContain(id);
    }
    const required = new Set(UI_LOAD_CALLS.map((c) => c.operation));
    expect(UI_LOAD_CALLS_NOT_REQUIRED.filter((c) => required.has(c.operation))).toEqual([]);
  });

  it('the paths the UI source fetches route to exactly the operations listed', () => {
    // The relative URLs in the UI source (useServerInfo, MlflowService.searchExperiments, the telemetry worker) and
    // the shell's own requests.
    const fetched: [string, string, string][] = [
      ['GET', '/ajax-api/3.0/mlflow/server-info', 'get_server_info'],
      ['GET', '/ajax-api/2.0/mlflow/experiments/search', 'SearchExperiments'],
      ['POST', '/ajax-api/2.0/mlflow/experiments/search', 'SearchExperiments'],
      ['GET', '/ajax-api/3.0/mlflow/ui-telemetry', 'serve_get_ui_telemetry'],
      ['GET', '/', 'serve'],
      ['GET', '/static-files/static/js/main.0123abcd.js', 'serve_static_file'],
    ];
    for (const [method, path, id] of fetched) {
      const route = router.route(method, path);
      expect(route.kind === 'operation' ? route.operation.id : route.kind, `${method} ${path}`).toBe(id);
    }
    const listed = [...UI_LOAD_CALLS, ...UI_LOAD_CALLS_NOT_REQUIRED].map((c) => c.operation);
    expect(new Set(fetched.map(([, , id]) => id))).toEqual(new Set(listed));
  });
});
