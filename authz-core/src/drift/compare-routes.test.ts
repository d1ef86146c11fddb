import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { main } from '../cli/main.js';
import type { Output } from '../cli/output.js';
import { compareRoutes } from './compare-routes.js';
import type { DumpedRoute, RouteDump } from './route-dump.js';
import { RouteDumpSchema } from './route-dump.js';

const FIXTURE = new URL('./fixtures/served-3.16-excerpt.json', import.meta.url);

/** A dump of a server that serves exactly the catalogue, FastAPI routes in catalogue order, params renamed. */
function dumpOfCatalogue(): RouteDump {
  const routes = CATALOGUE.flatMap((op) =>
    op.routes.map((route): DumpedRoute => ({
      engine: route.engine,
      method: route.method,
      path: route.path.replace(/<(path:)?(\w+)>/g, '<$1renamed_$2>').replace(/\{(\w+)(:path)?\}/g, '{renamed_$1$2}'),
      endpoint: op.id,
    })),
  );
  const mount: DumpedRoute = { engine: 'fastapi', method: null, path: '', endpoint: 'Mount' };
  return {
    mlflow_version: MLFLOW_VERSION,
    routes: [...routes.filter((r) => r.engine === 'fastapi'), mount, ...routes.filter((r) => r.engine === 'flask')],
  };
}

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), error: (l) => lines.push(`error: ${l}`) };
}

describe('compareRoutes', () => {
  it('finds nothing to report for a server that serves exactly the catalogue', () => {
    expect(compareRoutes(dumpOfCatalogue(), CATALOGUE, MLFLOW_VERSION)).toEqual({ unclassified: [], misordered: [], notServed: [] });
  });

  it('lists served routes the catalogue does not classify, including unknown converters and extra mounts', async () => {
    const dump = RouteDumpSchema.parse(JSON.parse(await readFile(FIXTURE, 'utf8')));
    const drift = compareRoutes(dump, CATALOGUE, MLFLOW_VERSION);
    expect(drift.unclassified.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /ajax-api/3.0/mlflow/skills/{skill_id}',
      'null /skills-ui',
      'POST /api/2.0/mlflow/runs/log-artifact-batch',
      'GET /ajax-api/3.0/mlflow/things/<uuid:thing_id>',
    ]);
    expect(drift.versionMismatch).toEqual({ served: '3.16.0', pinned: MLFLOW_VERSION });
    expect(drift.notServed).toContain('flask POST /api/3.0/mlflow/traces/search');
  });

  it('reports FastAPI routes that compete for a request but are served in another order', () => {
    const dump = dumpOfCatalogue();
    const index = (path: string, method: string) => dump.routes.findIndex((r) => r.path === path && r.method === method);
    const catchAll = index('/ajax-api/3.0/mlflow/mcp-servers/{renamed_name:path}', 'GET');
    const endpoints = index('/ajax-api/3.0/mlflow/mcp-servers/endpoints', 'GET');
    const routes = [...dump.routes];
    [routes[catchAll], routes[endpoints]] = [routes[endpoints] as DumpedRoute, routes[catchAll] as DumpedRoute];
    const drift = compareRoutes({ ...dump, routes }, CATALOGUE, MLFLOW_VERSION);
    expect(drift.misordered).toContain(
      'fastapi GET /ajax-api/3.0/mlflow/mcp-servers/{path} is served before fastapi GET /ajax-api/3.0/mlflow/mcp-servers/endpoints',
    );
    expect(drift.unclassified).toEqual([]);
  });
});

describe('authz check-routes', () => {
  async function run(content: string): Promise<{ code: number; lines: string[] }> {
    const dir = await mkdtemp(join(tmpdir(), 'authz-routes-'));
    const file = join(dir, 'dump.json');
    await writeFile(file, content);
    const out = capture();
    return { code: await main(['check-routes', file], out), lines: out.lines };
  }

  it('exits 0 when every served route is classified', async () => {
    const { code, lines } = await run(JSON.stringify(dumpOfCatalogue()));
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/: 0 unclassified, 0 misordered; 0 catalogue routes not served/);
  });

  it('exits 1 and names every unclassified route', async () => {
    const { code, lines } = await run(await readFile(FIXTURE, 'utf8'));
    expect(code).toBe(1);
    expect(lines).toContain('error: unclassified: flask POST /api/2.0/mlflow/runs/log-artifact-batch (_log_artifact_batch)');
    expect(lines).toContain(`warning: served MLflow 3.16.0, catalogue pinned to ${MLFLOW_VERSION}`);
  });

  it('exits 2 on a file that is not a route dump', async () => {
    expect((await run('{"routes": 3}')).code).toBe(2);
    expect((await run('not json')).code).toBe(2);
    const out = capture();
    expect(await main(['check-routes'], out)).toBe(2);
  });
});
