// The decision contract, stated independently of the pattern code: what an IAM policy must decide for a request.
import type { Operation } from '@mlflow-authz/core';
import { Router } from '@mlflow-authz/core';

/** `allow` and `deny` are required; `explicit-deny` requires a matching Deny; `either` accepts both outcomes. */
export type Expected = 'allow' | 'deny' | 'explicit-deny' | 'either';

// Item 2 of the contract, spelled out: `//`, `.`/`..` segments, a raw backslash, escaped `/` `\` `.`, escaped
// control characters.
const MALFORMED = /\/\/|\/\.\.?(\/|$)|\\|%2[fFeE]|%5[cC]|%[01][0-9A-Fa-f]|%7[fF]/;

/** True when the contract requires an explicit Deny for the path. */
export function isMalformed(path: string): boolean {
  return MALFORMED.test(path);
}

/**
 * What the IAM policies of a role granting `granted` must decide for `method path`: exactly the router's
 * decision when it routes the request; an explicit deny for the malformed classes; otherwise (no route,
 * escaped unreserved characters, bad escapes) an allow only if MLflow, reading the path its own way, runs
 * nothing or something granted; the same for the path without a trailing slash (a guarantee beyond the
 * contract, for gateways that strip it). Paths outside `/api/` never reach IAM and must not be allowed.
 */
export class ReferenceDecision {
  private readonly strict: Router;
  private readonly lenient: Router;

  constructor(catalogue: readonly Operation[]) {
    this.strict = new Router(catalogue);
    this.lenient = new Router(catalogue, { refuseEncodedUnreserved: false });
  }

  /** The required outcome. */
  expected(granted: ReadonlySet<string>, method: string, path: string): Expected {
    if (!path.startsWith('/api/')) return 'deny';
    if (isMalformed(path)) return 'explicit-deny';
    const routed = this.strict.route(method, path);
    if (routed.kind === 'operation') return granted.has(routed.operation.id) ? 'allow' : 'deny';
    const mlflowRuns = (p: string): string | null => {
      // MLflow keeps a bad escape as written: spell it `%25` for a router that decodes.
      const result = this.lenient.route(method, p.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
      return result.kind === 'operation' ? result.operation.id : null;
    };
    for (const candidate of path.endsWith('/') && path.length > 1 ? [path, path.slice(0, -1)] : [path]) {
      const op = mlflowRuns(candidate);
      if (op !== null && !granted.has(op)) return 'deny';
    }
    return 'either';
  }
}
