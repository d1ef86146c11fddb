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
    regex = new RegExp(`^${globSource(pattern)}$`, 'u');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

// The regular-expression source of one IAM glob: `*` any run, `?` one character, everything else literal. The
// run is lazy: the same strings match (the whole string is anchored), found without scanning to the end first.
function globSource(pattern: string): string {
  return pattern.replace(/[\\^$.*+?()[\]{}|]/g, (c) => (c === '*' ? '[^]*?' : c === '?' ? '[^]' : `\\${c}`));
}

/** A statement read once: its effect, and one matcher for its actions and one for its resources. */
interface ReadStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly action: RegExp;
  readonly resource: RegExp;
}

// Each policy document is read (and every statement checked) once; a mutated copy is a new object, read afresh.
// Statements are compiled once per distinct text: the authorizer returns a new document for each call, and the
// proofs judge the same statements many times over.
const readPolicies = new WeakMap<OraclePolicy, readonly ReadStatement[]>();
const compiledStatements = new Map<string, ReadStatement>();

function read(policy: OraclePolicy): readonly ReadStatement[] {
  let statements = readPolicies.get(policy);
  if (statements === undefined) {
    statements = ([policy.Statement].flat() as OracleStatement[]).map((statement) => {
      for (const key of Object.keys(statement)) if (!KNOWN_KEYS.has(key)) throw new Error(`oracle: unsupported statement key ${key}`);
      if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw new Error(`oracle: bad Effect ${String(statement.Effect)}`);
      return compileStatement(statement.Effect, [statement.Action].flat(), [statement.Resource].flat());
    });
    readPolicies.set(policy, statements);
  }
  return statements;
}

// A statement's list matches when any of its globs does: one alternation of the whole-string globs.
function compileStatement(effect: 'Allow' | 'Deny', actions: readonly string[], resources: readonly string[]): ReadStatement {
  const text = JSON.stringify([effect, actions, resources]);
  let compiled = compiledStatements.get(text);
  if (compiled === undefined) {
    const anyOf = (globs: readonly string[], flags: string) => new RegExp(`^(?:${globs.map(globSource).join('|')})$`, flags);
    compiled = { effect, action: anyOf(actions, 'iu'), resource: anyOf(resources, 'u') };
    if (compiledStatements.size >= 100_000) compiledStatements.clear();
    compiledStatements.set(text, compiled);
  }
  return compiled;
}

/**
 * The decision of IAM for `action` on `resource` under all of `policies` together. Every statement is read and
 * checked (keys, Effect) before any is applied: a statement the oracle cannot judge throws wherever it stands,
 * even after a matching Deny.
 */
export function evaluate(policies: readonly OraclePolicy[], action: string, resource: string): OracleDecision {
  const statements = policies.map(read);
  let allowed = false;
  for (const list of statements) {
    for (const statement of list) {
      if (!statement.action.test(action) || !statement.resource.test(resource)) continue;
      if (statement.effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}
