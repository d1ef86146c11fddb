import type { AuthorizerTable, Decision, RoleTable, RouteResult, Router } from '@mlflow-authz/core';
import { Decider, pathOnSurface } from '@mlflow-authz/core';
import type { AuthorizerRequest } from './request.js';

/** A request after the checks that belong to the browser path: refused with a decision, or routed. */
export type ClassifiedRequest =
  | { readonly kind: 'refused'; readonly decision: Decision }
  | { readonly kind: 'routed'; readonly route: RouteResult; readonly method: string; readonly path: string };

/** The decision for one request: authz-core's `Decider`, after the checks that belong to the browser path. */
export class RequestDecider {
  private readonly decider: Decider;

  constructor(
    private readonly router: Router,
    private readonly table: AuthorizerTable,
  ) {
    this.decider = new Decider(router, roleTable(table));
  }

  /**
   * Routes `request` once, unless it is refused first: a methodArn that names another method or path than the
   * event (the policy would then not be about the request decided), or that holds an IAM wildcard (`*`, `?`: a
   * policy naming it would match other requests too, so it is denied, which a cached result can only make
   * stricter), a stage other than generated/'s, and the `/api/` surface, which API Gateway sends to SigV4
   * callers, not to this authorizer.
   */
  classify(request: AuthorizerRequest): ClassifiedRequest {
    const { arn, method, path } = request;
    if (arn.verb !== method || arn.path !== path) return refused('no route: methodArn does not name the event method and path');
    if (hasWildcard(request.methodArn)) return refused('no route: the path holds an IAM wildcard character (* or ?), which no policy can name exactly');
    if (arn.stage !== this.table.apiStageName) return refused(`no route: stage ${arn.stage} is not ${this.table.apiStageName}`);
    if (!pathOnSurface(path, 'browser')) return refused('no route: /api/ is the SigV4 surface, not served by this authorizer');
    return { kind: 'routed', route: this.router.route(method, path), method, path };
  }

  /** The public operation `request` is for (allowed to anyone, token or not), or null. */
  publicOperation(request: ClassifiedRequest): string | null {
    return request.kind === 'routed' && request.route.kind === 'operation' && request.route.operation.public === true ? request.route.operation.id : null;
  }

  /** Decides a classified request for a caller holding `roles` (a trailing slash as authz-core's `Decider` does). */
  decide(roles: readonly string[], request: ClassifiedRequest): Decision {
    return request.kind === 'refused' ? request.decision : this.decider.decideRoute(roles, request.route, request.method, request.path);
  }
}

function refused(reason: string): ClassifiedRequest {
  return { kind: 'refused', decision: { effect: 'deny', operation: null, reason } };
}

function hasWildcard(methodArn: string): boolean {
  return methodArn.includes('*') || methodArn.includes('?');
}

/** generated/'s role → operation ids as the `Decider`'s role table (generated/ does not carry the grant reasons). */
export function roleTable(table: AuthorizerTable): RoleTable {
  return new Map(Object.entries(table.roles).map(([role, ops]) => [role, new Map(ops.map((op) => [op, '']))]));
}
