import type { Access, Area, Engine, HttpMethod, Operation, OperationNote, Provenance, RouteSpec } from './types.js';

/** `METHOD /path` exactly as the engine registers it. */
export type Endpoint = `${HttpMethod} /${string}`;

/** An operation before its provenance is attached by `group`. */
export type OperationDraft = Omit<Operation, 'source'>;

function parseEndpoint(endpoint: Endpoint, engine: Engine): RouteSpec {
  const space = endpoint.indexOf(' ');
  return { method: endpoint.slice(0, space) as HttpMethod, path: endpoint.slice(space + 1), engine };
}

function draft(
  id: string,
  area: Area,
  access: Access,
  routes: RouteSpec[],
  summary: string,
  notes: readonly OperationNote[],
): OperationDraft {
  return { id, area, access, routes, summary, notes };
}

/**
 * A proto RPC served by Flask through `handlers._get_paths`: each `/api/{v}.0/...` endpoint given here is also
 * registered as its `/ajax-api/{v}.0/...` twin.
 */
export function rpc(
  id: string,
  area: Area,
  access: Access,
  endpoints: Endpoint | readonly Endpoint[],
  summary: string,
  notes: readonly OperationNote[] = [],
): OperationDraft {
  const routes = [endpoints].flat().flatMap((endpoint) => {
    const route = parseEndpoint(endpoint, 'flask');
    if (!route.path.startsWith('/api/')) throw new Error(`rpc ${id}: ${endpoint} is not an /api/ path`);
    return [route, { ...route, path: route.path.replace(/^\/api\//, '/ajax-api/') }];
  });
  return draft(id, area, access, routes, summary, notes);
}

/** Operations whose endpoints are registered as given on one engine (no twin). */
type Registrar = (
  id: string,
  area: Area,
  access: Access,
  endpoints: Endpoint | readonly Endpoint[],
  summary: string,
  notes?: readonly OperationNote[],
) => OperationDraft;

function registeredOn(engine: Engine): Registrar {
  return (id, area, access, endpoints, summary, notes = []) =>
    draft(id, area, access, [endpoints].flat().map((endpoint) => parseEndpoint(endpoint, engine)), summary, notes);
}

/** A Flask route registered as given (no twin), e.g. by `@app.route` in `mlflow/server/__init__.py`. */
export const flask: Registrar = registeredOn('flask');

/** A native FastAPI route, matched before the Flask app in the order the catalogue lists it. */
export const fastapi: Registrar = registeredOn('fastapi');

/** Attaches the MLflow source files (and the revisions read) to a group of operations. */
export function group(source: readonly Provenance[], drafts: readonly OperationDraft[]): Operation[] {
  return drafts.map((d) => ({ ...d, source }));
}

/** Marks an operation public: anyone may call it, with a token or without (see `Operation.public`). */
export function publicOperation(operation: OperationDraft): OperationDraft {
  return { ...operation, public: true };
}

/** The same operation also served natively by FastAPI in front of its Flask rules (which then only see the rest). */
export function shadowedByFastapi(operation: OperationDraft, endpoints: readonly Endpoint[]): OperationDraft {
  return { ...operation, routes: [...endpoints.map((e) => parseEndpoint(e, 'fastapi')), ...operation.routes] };
}
