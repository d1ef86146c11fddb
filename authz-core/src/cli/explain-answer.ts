import type { Operation } from '../catalogue/types.js';
import type { Decider, Decision } from '../permissions/decide.js';
import type { CompiledPermissions, CompiledRole } from '../permissions/model.js';
import { IAM_PATH_PREFIX } from '../patterns/surface.js';
import type { Router } from '../router/router.js';

/** The two ways into MLflow: the browser (Cognito token, Lambda authorizer) and code signing with SigV4 (IAM). */
export type AccessPath = 'browser' | 'sigv4';

export const ACCESS_PATH_NAMES: Readonly<Record<AccessPath, string>> = {
  browser: 'browser path (Cognito, Lambda authorizer)',
  sigv4: 'SigV4 path (IAM)',
};

/**
 * Requests a role's IAM policies refuse although permissions.yaml grants them, because IAM globs cannot express
 * the grant exactly there; `generate` declares them in its artifacts. Returns the declared reason, if any.
 */
export interface Sigv4Exceptions {
  exceptionFor(role: string, operation: string, method: string, path: string): string | undefined;
}

/** For generated artifacts that declare no exception (or none yet). */
export const NO_SIGV4_EXCEPTIONS: Sigv4Exceptions = { exceptionFor: () => undefined };

/** The decision on one access path for one concrete request. */
export interface PathAnswer {
  readonly path: AccessPath;
  readonly method: string;
  readonly url: string;
  readonly decision: Decision;
  /** Why nobody reaches this answer although it may allow: no binding of the roles to this access path. */
  readonly note?: string;
}

/** The request's own access path, and the other one: its twin there, or why it has none. */
export interface ExplainAnswer {
  readonly operation: Operation | null;
  /** When the request routes nowhere: the methods MLflow serves this path with, and their operations. */
  readonly servedWith: readonly { readonly method: string; readonly operation: string }[];
  readonly taken: PathAnswer;
  readonly other: PathAnswer | { readonly path: AccessPath; readonly absent: string };
}

/** Which access path API Gateway sends a path (after the stage) to: `/api/...` is the IAM resource, the rest the authorizer. */
export function accessPathOf(path: string): AccessPath {
  return path.startsWith(IAM_PATH_PREFIX) ? 'sigv4' : 'browser';
}

const EXPLAINED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const TWIN_PREFIX: Readonly<Record<AccessPath, string>> = { browser: '/ajax-api/', sigv4: IAM_PATH_PREFIX };

/** Answers a request on both access paths for callers holding `roles` (declared role names). */
export class Explainer {
  private readonly roles: ReadonlyMap<string, CompiledRole>;

  constructor(
    permissions: CompiledPermissions,
    private readonly router: Router,
    private readonly decider: Decider,
    private readonly exceptions: Sigv4Exceptions = NO_SIGV4_EXCEPTIONS,
  ) {
    this.roles = new Map(permissions.roles.map((r) => [r.name, r]));
  }

  explain(roles: readonly string[], method: string, url: string): ExplainAnswer {
    const route = this.router.route(method, url);
    const operation = route.kind === 'operation' ? route.operation : null;
    const path = accessPathOf(url);
    const taken = this.answer(path, roles, method, url);
    const otherPath: AccessPath = path === 'browser' ? 'sigv4' : 'browser';
    if (operation === null) {
      const servedWith = this.servedWith(method, url);
      return { operation, servedWith, taken, other: { path: otherPath, absent: 'the request routes to no operation, so it has no twin' } };
    }
    const twin = this.twin(operation, method, url, otherPath);
    const other = twin === undefined ? { path: otherPath, absent: absence(operation, otherPath) } : this.answer(otherPath, roles, method, twin);
    return { operation, servedWith: [], taken, other };
  }

  // A pasted URL carries no method: a POST-only route explained as GET is worth a pointer to the method it needs.
  private servedWith(method: string, url: string): { method: string; operation: string }[] {
    return EXPLAINED_METHODS.filter((m) => m !== method).flatMap((m) => {
      const route = this.router.route(m, url);
      return route.kind === 'operation' ? [{ method: m, operation: route.operation.id }] : [];
    });
  }

  /** The same request on the other access path, if MLflow serves the operation there at the mirrored prefix. */
  private twin(operation: Operation, method: string, url: string, to: AccessPath): string | undefined {
    const from = to === 'sigv4' ? 'browser' : 'sigv4';
    if (!url.startsWith(TWIN_PREFIX[from])) return undefined;
    const candidate = TWIN_PREFIX[to] + url.slice(TWIN_PREFIX[from].length);
    const route = this.router.route(method, candidate);
    return route.kind === 'operation' && route.operation.id === operation.id ? candidate : undefined;
  }

  private answer(path: AccessPath, roles: readonly string[], method: string, url: string): PathAnswer {
    const route = this.router.route(method, url);
    if (path === 'browser' && route.kind === 'operation' && route.operation.public === true) {
      const reason = `public: ${route.operation.id} is part of the UI shell, which the gateway serves without authorization (no role needed)`;
      return { path, method, url, decision: { effect: 'allow', operation: route.operation.id, reason } };
    }
    const decision = path === 'sigv4' ? this.sigv4Decision(roles, method, url) : this.withDenies(roles, this.decider.decide(roles, method, url));
    const note = this.unboundNote(path, roles);
    return note === undefined ? { path, method, url, decision } : { path, method, url, decision, note };
  }

  /** IAM allows when any role's policies do: a role whose grant is a declared exception here does not count. */
  private sigv4Decision(roles: readonly string[], method: string, url: string): Decision {
    const decision = this.withDenies(roles, this.decider.decide(roles, method, url));
    if (decision.effect === 'deny' || decision.operation === null) return decision;
    const operation = decision.operation;
    const excepted = new Map<string, string>();
    for (const role of [...roles].sort()) {
      const single = this.decider.decide([role], method, url);
      if (single.effect !== 'allow') continue;
      const exception = this.exceptions.exceptionFor(role, operation, method, url);
      if (exception === undefined) return single;
      excepted.set(role, exception);
    }
    const why = [...excepted].map(([role, text]) => `role ${role}: ${text}`).join('; ');
    return { effect: 'deny', operation, reason: `declared SigV4 exception (IAM cannot express the grant exactly here; the browser path is exact): ${why}` };
  }

  /** For a deny of a granted-then-denied operation, names the deny that removed it. */
  private withDenies(roles: readonly string[], decision: Decision): Decision {
    if (decision.effect === 'allow' || decision.operation === null) return decision;
    const operation = decision.operation;
    const removed = roles.flatMap((name) => {
      const deny = this.roles.get(name)?.deniedBy.get(operation);
      return deny === undefined ? [] : [`role ${name}: ${deny}`];
    });
    return removed.length === 0 ? decision : { ...decision, reason: `${decision.reason}; removed by ${removed.join(', ')}` };
  }

  private unboundNote(path: AccessPath, roles: readonly string[]): string | undefined {
    const held = roles.map((name) => this.roles.get(name)).filter((r): r is CompiledRole => r !== undefined);
    if (held.length === 0) return undefined;
    if (path === 'browser' && held.every((r) => r.cognitoGroups.length === 0)) {
      return `no Cognito group is bound to ${names(held)}: no browser user holds ${held.length === 1 ? 'it' : 'them'}`;
    }
    if (path === 'sigv4' && held.every((r) => r.sagemakerUserProfiles.length + r.iamPrincipals.length === 0)) {
      return `no SageMaker user profile or IAM principal is bound to ${names(held)}: no SigV4 caller holds ${held.length === 1 ? 'it' : 'them'}`;
    }
    return undefined;
  }
}

function absence(operation: Operation, path: AccessPath): string {
  if (path === 'sigv4') {
    return operation.routes.some((r) => r.path.startsWith(IAM_PATH_PREFIX))
      ? `${operation.id} is served under ${IAM_PATH_PREFIX} only at ${operation.routes.filter((r) => r.path.startsWith(IAM_PATH_PREFIX)).map((r) => `${r.method} ${r.path}`).join(', ')}`
      : `not served there: ${operation.id} has no ${IAM_PATH_PREFIX} route, so code signing with SigV4 cannot call it`;
  }
  return operation.routes.some((r) => !r.path.startsWith(IAM_PATH_PREFIX))
    ? `${operation.id} is served to browsers only at ${operation.routes.filter((r) => !r.path.startsWith(IAM_PATH_PREFIX)).map((r) => `${r.method} ${r.path}`).join(', ')}`
    : `not served there: ${operation.id} has only ${IAM_PATH_PREFIX} routes, so the UI cannot call it`;
}

function names(roles: readonly CompiledRole[]): string {
  return `${roles.length === 1 ? 'role' : 'roles'} ${roles.map((r) => r.name).join(', ')}`;
}
