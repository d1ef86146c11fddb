import type { AuthorizerTable, Decision, RoleTable, Router } from '@mlflow-authz/core';
import { Decider, pathOnSurface } from '@mlflow-authz/core';
import type { AuthorizerRequest } from './request.js';

/** The decision for one request: authz-core's `Decider`, after the checks that belong to the browser path. */
export class RequestDecider {
  private readonly decider: Decider;

  constructor(
    router: Router,
    private readonly table: AuthorizerTable,
  ) {
    this.decider = new Decider(router, roleTable(table));
  }

  /**
   * Decides `request` for a caller holding `roles`. Denied before the `Decider` is asked: a methodArn that names
   * another method or path than the event (the policy would then not be about the request decided), a stage other
   * than generated/'s, and the `/api/` surface, which API Gateway sends to SigV4 callers, not to this authorizer.
   */
  decide(roles: readonly string[], request: AuthorizerRequest): Decision {
    const { arn, method, path } = request;
    if (arn.verb !== method || arn.path !== path) {
      return { effect: 'deny', operation: null, reason: 'no route: methodArn does not name the event method and path' };
    }
    if (arn.stage !== this.table.apiStageName) {
      return { effect: 'deny', operation: null, reason: `no route: stage ${arn.stage} is not ${this.table.apiStageName}` };
    }
    if (!pathOnSurface(path, 'browser')) {
      return { effect: 'deny', operation: null, reason: 'no route: /api/ is the SigV4 surface, not served by this authorizer' };
    }
    return this.decider.decide(roles, method, path);
  }
}

/** generated/'s role → operation ids as the `Decider`'s role table (generated/ does not carry the grant reasons). */
export function roleTable(table: AuthorizerTable): RoleTable {
  return new Map(Object.entries(table.roles).map(([role, ops]) => [role, new Map(ops.map((op) => [op, '']))]));
}
