import type { RouteResult, Router } from '../router/router.js';

/** An allow or deny for one request, with the operation MLflow would run and a reason for logs and `explain`. */
export interface Decision {
  readonly effect: 'allow' | 'deny';
  /** The operation id the request routes to, or null when it routes nowhere. */
  readonly operation: string | null;
  readonly reason: string;
}

/** Role → the operations it may call, each with why (the grant that gave it; may be empty at runtime). */
export type RoleTable = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Decides requests for callers holding a set of roles: public operations for anyone (no role needed), else the
 * union of the roles' rights, default deny. Unknown role names grant nothing; anything the router does not map
 * to an operation is denied.
 */
export class Decider {
  // Allow decisions depend only on (granting role, operation), so they are built once, not per request.
  private readonly allows = new Map<string, ReadonlyMap<string, Decision>>();

  constructor(
    private readonly router: Router,
    roles: RoleTable,
  ) {
    for (const [role, grants] of roles) {
      const decisions = new Map<string, Decision>();
      for (const [operation, why] of grants) {
        const reason = `role ${role} grants ${operation}${why ? ` (${why})` : ''}`;
        decisions.set(operation, Object.freeze({ effect: 'allow', operation, reason }));
      }
      this.allows.set(role, decisions);
    }
  }

  /** The decision for `method path` for a caller holding `roles` (order does not matter). */
  decide(roles: readonly string[], method: string, path: string): Decision {
    return this.decideRoute(roles, this.router.route(method, path), method, path);
  }

  /**
   * The decision for `method path`, which the router has already routed to `route` (callers that route once and
   * decide later). A path with a trailing slash is also decided as API Gateway hands it to MLflow: its `{proxy}`
   * integration drops the slash, so `…/versions/` may run what `…/versions` runs (routed only when needed); it is
   * allowed only if that is nothing, public, or granted too.
   */
  decideRoute(roles: readonly string[], route: RouteResult, method: string, path: string): Decision {
    const decision = this.decideRouted(roles, route);
    if (!hasTrailingSlash(path) || decision.effect === 'deny' || route.kind !== 'operation' || route.operation.public === true) return decision;
    const stripped = this.router.route(method, path.slice(0, -1));
    if (stripped.kind !== 'operation' || this.decideRouted(roles, stripped).effect === 'allow') return decision;
    const reason = `trailing slash: API Gateway hands MLflow the path without it, which runs ${stripped.operation.id}, not granted`;
    return { effect: 'deny', operation: decision.operation, reason };
  }

  private decideRouted(roles: readonly string[], route: RouteResult): Decision {
    if (route.kind !== 'operation') return { effect: 'deny', operation: null, reason: noRouteReason(route) };
    const operation = route.operation.id;
    if (route.operation.public === true) return publicDecision(operation);
    if (roles.length === 0) return { effect: 'deny', operation, reason: 'no role: the caller has no role' };
    let granting: string | undefined;
    let allow: Decision | undefined;
    for (const role of roles) {
      const decision = this.allows.get(role)?.get(operation);
      if (decision !== undefined && (granting === undefined || role < granting)) {
        granting = role;
        allow = decision;
      }
    }
    return allow ?? { effect: 'deny', operation, reason: `not granted: no role of [${[...roles].sort().join(', ')}] grants ${operation}` };
  }
}

/** Whether API Gateway drops a trailing slash of this path before MLflow sees it (the root keeps its `/`). */
function hasTrailingSlash(path: string): boolean {
  return path.length > 1 && path.charCodeAt(path.length - 1) === 0x2f;
}

const PUBLIC_DECISIONS = new Map<string, Decision>();

/** The (shared, frozen) allow of a public operation. */
function publicDecision(operation: string): Decision {
  let decision = PUBLIC_DECISIONS.get(operation);
  if (decision === undefined) {
    decision = Object.freeze({ effect: 'allow', operation, reason: `public: anyone may call ${operation}, with a token or without` });
    PUBLIC_DECISIONS.set(operation, decision);
  }
  return decision;
}

function noRouteReason(route: Exclude<RouteResult, { kind: 'operation' }>): string {
  switch (route.kind) {
    case 'malformed':
      return `no route: malformed path (${route.reason})`;
    case 'unsupported-method':
      return 'no route: method is not routed';
    case 'no-route':
      return 'no route: MLflow serves no operation at this method and path';
  }
}
