import { createInterface } from 'node:readline';
import { CATALOGUE } from '../catalogue/catalogue.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { suggestion } from '../permissions/suggest.js';
import { Router } from '../router/router.js';
import type { ExplainAnswer, PathAnswer, Sigv4Exceptions } from './explain-answer.js';
import { ACCESS_PATH_NAMES, Explainer, NO_SIGV4_EXCEPTIONS } from './explain-answer.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';
import type { PastedRequest } from './request-input.js';
import { readPastedRequest } from './request-input.js';
import { deciderFor } from './role-table.js';
import { commandUsage, EXPLAIN_HELP, flagSpec } from './usage.js';

/**
 * `authz explain`: the decision for one request on both access paths, or for each line of stdin as JSON.
 * `exceptions` is where the SigV4 exceptions the generated artifacts declare come in.
 */
export async function explain(
  args: readonly string[],
  out: Output,
  stdin: NodeJS.ReadableStream = process.stdin,
  exceptions: Sigv4Exceptions = NO_SIGV4_EXCEPTIONS,
): Promise<number> {
  const flags = parseFlags(args, flagSpec(EXPLAIN_HELP));
  const batch = flags.booleans.stdin === true;
  const problem = !flags.ok
    ? flags.error
    : batch
      ? flags.positional.length !== 0 || !flags.booleans.json ? '--stdin takes no METHOD URL and needs --json' : undefined
      : flags.strings.role === undefined
        ? 'which roles? give --role ROLE[,ROLE…]'
        : flags.positional.length < 1 || flags.positional.length > 2
          ? 'give one request: [METHOD] URL'
          : undefined;
  if (problem !== undefined) {
    out.error(`${problem}\n${commandUsage(EXPLAIN_HELP)}`);
    return 2;
  }
  const file = flags.strings.file ?? 'permissions.yaml';
  const loaded = await loadPermissions(file, out);
  if (loaded === undefined) return 1;
  const session = new ExplainSession(loaded.permissions, exceptions);
  if (batch) {
    for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
      if (line.trim() !== '') out.info(JSON.stringify(session.explainLine(line)));
    }
    return 0;
  }
  const roles = (flags.strings.role as string).split(',').map((r) => r.trim());
  const undeclared = session.undeclared(roles);
  if (undeclared !== undefined) {
    out.error(`${undeclared}; declared in ${file}: ${[...session.roleNames].join(', ')}`);
    return 2;
  }
  const [method, target] = flags.positional.length === 2 ? (flags.positional as [string, string]) : [undefined, flags.positional[0] as string];
  const request = session.read(method, target);
  if (!request.ok) {
    out.error(request.problem);
    return 2;
  }
  for (const line of render(target, request.request, session.explain(roles, request.request))) out.info(line);
  return 0;
}

function render(input: string, request: PastedRequest, answer: ExplainAnswer): string[] {
  const { taken, other, operation } = answer;
  const lines = [`${verdict(taken)} ${taken.method} ${taken.url}  on the ${ACCESS_PATH_NAMES[taken.path]}, which this URL takes`];
  if (request.dropped.length > 0) lines.push(`  input:     ${input}  (dropped ${request.dropped.join(', ')})`);
  for (const note of request.notes) lines.push(`  note:      ${note}`);
  lines.push(`  operation: ${operation === null ? '(none)' : `${operation.id} (${operation.area}, ${operation.access}): ${operation.summary}`}`);
  lines.push(`  reason:    ${taken.decision.reason}`);
  if (taken.note !== undefined) lines.push(`  note:      ${taken.note}`);
  for (const served of answer.servedWith) {
    lines.push(`  hint:      MLflow serves this path with ${served.method} (${served.operation}): authz explain ${served.method} ${input}`);
  }
  const otherName = ACCESS_PATH_NAMES[other.path];
  if ('absent' in other) lines.push(`  ${otherName}: ${other.absent}`);
  else {
    lines.push(`  ${otherName}, at its twin ${other.method} ${other.url}: ${verdict(other)}: ${other.decision.reason}`);
    if (other.note !== undefined) lines.push(`  note:      ${other.note}`);
  }
  return lines;
}

function verdict(answer: PathAnswer): string {
  return answer.decision.effect.toUpperCase();
}

/** One line of `--json --stdin` output. */
export interface ExplainRecord {
  readonly role: string;
  /** The input as given (a URL, or a path with stage and query string). */
  readonly input: string;
  readonly method: string;
  /** The path after the stage, as API Gateway hands it on. */
  readonly path: string;
  readonly operation: string | null;
  /** `browser` or `sigv4`: the access path this request takes. */
  readonly via: 'browser' | 'sigv4';
  /** `allow` / `deny`, or null for role `-` (routing only). */
  readonly decision: 'allow' | 'deny' | null;
  readonly reason: string;
  /** The same request on the other access path, or why it has no twin there. */
  readonly other: { readonly via: 'browser' | 'sigv4'; readonly path: string; readonly decision: 'allow' | 'deny' | null; readonly reason: string } | { readonly via: 'browser' | 'sigv4'; readonly absent: string };
}

/** The loaded permissions, ready to read and answer requests. */
class ExplainSession {
  private readonly router = new Router(CATALOGUE);
  private readonly explainer: Explainer;
  readonly roleNames: ReadonlySet<string>;

  constructor(
    private readonly permissions: CompiledPermissions,
    exceptions: Sigv4Exceptions,
  ) {
    this.explainer = new Explainer(permissions, this.router, deciderFor(permissions), exceptions);
    this.roleNames = new Set(permissions.roles.map((r) => r.name));
  }

  undeclared(roles: readonly string[]): string | undefined {
    const unknown = roles.find((r) => !this.roleNames.has(r));
    return unknown === undefined ? undefined : `role ${JSON.stringify(unknown)} is not declared${suggestion(unknown, this.roleNames)}`;
  }

  read(method: string | undefined, target: string) {
    return readPastedRequest(method, target, this.permissions.settings.apiStageName, (m, p) => this.router.route(m, p).kind === 'operation');
  }

  explain(roles: readonly string[], request: PastedRequest): ExplainAnswer {
    return this.explainer.explain(roles, request.method, request.path);
  }

  explainLine(line: string): ExplainRecord | { readonly line: string; readonly error: string } {
    const match = /^\s*(\S+)\s+(\S+)\s+(.*?)\s*$/.exec(line);
    if (match === null) return { line, error: 'expected "ROLE METHOD URL"' };
    const [, role, method, target] = match as unknown as [string, string, string, string];
    const routingOnly = role === '-';
    const roles = routingOnly ? [] : role.split(',');
    const undeclared = routingOnly ? undefined : this.undeclared(roles);
    if (undeclared !== undefined) return { line, error: undeclared };
    const request = this.read(method, target);
    if (!request.ok) return { line, error: request.problem };
    const answer = this.explain(roles, request.request);
    const decision = (a: PathAnswer) => (routingOnly ? null : a.decision.effect);
    const reason = (a: PathAnswer) => (routingOnly ? (a.decision.operation === null ? a.decision.reason : 'routing only') : a.decision.reason);
    const { taken, other } = answer;
    return {
      role,
      input: target,
      method: taken.method,
      path: taken.url,
      operation: answer.operation?.id ?? null,
      via: taken.path,
      decision: decision(taken),
      reason: reason(taken),
      other: 'absent' in other ? { via: other.path, absent: other.absent } : { via: other.path, path: other.url, decision: decision(other), reason: reason(other) },
    };
  }
}
