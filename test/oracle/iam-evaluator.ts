// A test oracle for IAM identity policies: a small, obviously correct reading of how IAM decides one request,
// kept apart from the production pattern code (authz-core/src/patterns) so that the two can check each other.
//
// API (also used by the parity proofs):
//   matchesIamPattern(pattern, value): IAM wildcard matching of a whole string: `*` is any run of characters
//     (empty included, across `/` and `:`), `?` exactly one character, everything else literal and
//     case-sensitive.
//   evaluate(policies, action, resource): 'allow' | 'explicit-deny' | 'implicit-deny' for one action on one
//     resource ARN under a set of identity policy documents: an explicit Deny wins, then any Allow, else the
//     default deny. Action names match case-insensitively (as IAM does), resources case-sensitively; the ARN is
//     matched as one string (enough for execute-api ARNs with concrete partition, region and account).
//   Statements may use Effect, Action, Resource (and Sid); anything else (NotAction, NotResource, Condition,
//   Principal) throws, so a policy the oracle cannot judge is never judged wrongly.

/** One statement of an identity policy, as far as the oracle understands policies. */
export interface OracleStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}

/** An identity policy document. */
export interface OraclePolicy {
  readonly Version: string;
  readonly Statement: OracleStatement | readonly OracleStatement[];
}

/** The outcome of evaluating one request. */
export type OracleDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

const KNOWN_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource']);
const compiled = new Map<string, RegExp>();

/** IAM wildcard matching of the whole of `value` against `pattern` (`*` any run, `?` one character). */
export function matchesIamPattern(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    let source = '';
    for (const c of pattern) source += c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    regex = new RegExp(`^${source}$`, 'u');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/**
 * The decision of IAM for `action` on `resource` under all of `policies` together. Every statement is read and
 * checked (keys, Effect) before any is applied: a statement the oracle cannot judge throws wherever it stands,
 * even after a matching Deny.
 */
export function evaluate(policies: readonly OraclePolicy[], action: string, resource: string): OracleDecision {
  let allowed = false;
  let denied = false;
  for (const policy of policies) {
    for (const statement of [policy.Statement].flat() as OracleStatement[]) {
      for (const key of Object.keys(statement)) if (!KNOWN_KEYS.has(key)) throw new Error(`oracle: unsupported statement key ${key}`);
      if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw new Error(`oracle: bad Effect ${String(statement.Effect)}`);
      if (denied) continue;
      const actionMatches = [statement.Action].flat().some((a) => matchesIamPattern(a.toLowerCase(), action.toLowerCase()));
      if (!actionMatches || ![statement.Resource].flat().some((r) => matchesIamPattern(r, resource))) continue;
      if (statement.Effect === 'Deny') denied = true;
      else allowed = true;
    }
  }
  return denied ? 'explicit-deny' : allowed ? 'allow' : 'implicit-deny';
}
