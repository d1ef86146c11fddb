import { compileGlob, iamGlobMatches } from './glob.js';

/** One statement of an execute-api policy, as the generated documents and the authorizer write them. */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Sid?: string;
  readonly Principal?: unknown;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** IAM's three outcomes: an explicit Deny wins, otherwise any Allow, otherwise the default deny. */
export type PolicyOutcome = 'allow' | 'explicit-deny' | 'implicit-deny';

/** Thrown for a document this evaluator cannot judge faithfully (conditions, Not* elements, odd shapes). */
export class UnsupportedPolicyError extends Error {
  constructor(detail: string) {
    super(`unsupported policy: ${detail}`);
    this.name = 'UnsupportedPolicyError';
  }
}

const KNOWN_KEYS = new Set(['Effect', 'Action', 'Resource', 'Sid', 'Principal']);

/**
 * Checks that `value` is a policy document made only of what `evaluatePolicies` understands (Effect, Action,
 * Resource, Sid, and Principal for resource policies) and returns it typed; throws `UnsupportedPolicyError`.
 */
export function readPolicyDocument(value: unknown): PolicyDocument {
  if (typeof value !== 'object' || value === null) throw new UnsupportedPolicyError('not an object');
  const statements = (value as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length === 0 || statements === undefined) throw new UnsupportedPolicyError('no Statement');
  for (const s of list) {
    if (typeof s !== 'object' || s === null) throw new UnsupportedPolicyError('a statement is not an object');
    for (const key of Object.keys(s)) if (!KNOWN_KEYS.has(key)) throw new UnsupportedPolicyError(`statement element ${key}`);
    const { Effect, Action, Resource } = s as Record<string, unknown>;
    if (Effect !== 'Allow' && Effect !== 'Deny') throw new UnsupportedPolicyError(`Effect ${JSON.stringify(Effect)}`);
    if (!isStringOrStrings(Action)) throw new UnsupportedPolicyError('Action is not a string or a list of strings');
    if (!isStringOrStrings(Resource)) throw new UnsupportedPolicyError('Resource is not a string or a list of strings');
  }
  return value as PolicyDocument;
}

/**
 * IAM's decision for `action` on `resource` under all `documents` together (identity and resource policies of one
 * account alike): explicit deny in any document wins, then an allow in any, else implicit deny. Actions match
 * case-insensitively, resources case-sensitively, both with IAM's `*` and `?`.
 */
export function evaluatePolicies(documents: readonly PolicyDocument[], action: string, resource: string): PolicyOutcome {
  let allowed = false;
  const wantedAction = action.toLowerCase();
  for (const document of documents) {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement as PolicyStatement];
    for (const statement of statements as readonly PolicyStatement[]) {
      if (statement.Effect === 'Allow' && allowed) continue;
      if (!someMatch(statement.Action, (glob) => iamGlobMatches(glob.toLowerCase(), wantedAction))) continue;
      if (!someMatch(statement.Resource, (glob) => compileGlob(glob)(resource))) continue;
      if (statement.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}

function someMatch(globs: string | readonly string[], matches: (glob: string) => boolean): boolean {
  return typeof globs === 'string' ? matches(globs) : globs.some(matches);
}

function isStringOrStrings(value: unknown): value is string | readonly string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
}
