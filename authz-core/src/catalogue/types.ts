/** The HTTP methods MLflow routes declare. HEAD is implied by GET; OPTIONS is never routed. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Functional areas of MLflow's HTTP surface, used by `area:access` grants in permissions.yaml. */
export const AREAS = [
  'experiments',
  'runs',
  'artifacts',
  'registered-models',
  'model-versions',
  'logged-models',
  'traces',
  'datasets',
  'scorers',
  'prompt-optimization',
  'evaluation',
  'webhooks',
  'gateway',
  'jobs',
  'assistant',
  'mcp',
  'server',
  'ui-static',
  'auth-admin',
] as const;
export type Area = (typeof AREAS)[number];

/** How much an operation can change: read < write < delete; admin is server-wide administration. */
export const ACCESS_LEVELS = ['read', 'write', 'delete', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/**
 * Which ASGI/WSGI layer serves a route. `mlflow server` (uvicorn) tries the FastAPI routes first, in
 * registration order, and hands everything else to the Flask app mounted at `/`.
 */
export type Engine = 'fastapi' | 'flask';

/** Where a catalogue entry was read: an MLflow source file at a commit. */
export interface Provenance {
  readonly file: string;
  readonly commit: string;
}

/** One concrete route of an operation: a method and a path template as the engine registers it. */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** Flask style (`<x>`, `<path:x>`) for flask routes, Starlette style (`{x}`, `{x:path}`) for fastapi. */
  readonly path: string;
  readonly engine: Engine;
}

/** Facts about an operation that a reviewer of permissions.yaml should see. */
export type OperationNote =
  | 'read-via-post'
  | 'delete-via-post'
  | 'not-implemented'
  | 'always-404'
  | 'streaming'
  | `flag:${string}`;

/** One MLflow operation: what permissions.yaml grants, routed from one or more (method, path) pairs. */
export interface Operation {
  /** Stable id: the proto RPC name, or the handler's name for non-proto routes. */
  readonly id: string;
  readonly area: Area;
  readonly access: Access;
  readonly routes: readonly RouteSpec[];
  readonly notes: readonly OperationNote[];
  /** One line for humans (PERMISSIONS.md, `authz explain`). */
  readonly summary: string;
  readonly source: readonly Provenance[];
  /**
   * Anyone may call it, with a token or without: the UI shell, which a browser must load before anyone can log
   * in (a navigation carries no bearer token). No role grants or denies it; infra routes it without an authorizer.
   */
  readonly public?: true;
}
