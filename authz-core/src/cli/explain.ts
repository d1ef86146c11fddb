import { createInterface } from 'node:readline';
import type { Decision } from '../permissions/decide.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { suggestion } from '../permissions/suggest.js';
import { parseFlags } from './flags.js';
import { loadPermissions } from './load-permissions.js';
import type { Output } from './output.js';
import { deciderFor } from './role-table.js';

const USAGE = `usage: authz explain --role ROLE[,ROLE…] METHOD PATH [--file permissions.yaml]
       authz explain --json --stdin [--file permissions.yaml]   (lines "ROLE[,ROLE…] METHOD PATH"; ROLE "-" routes only)`;

/** `authz explain`: the decision and its reason for one request, or for each line of stdin as JSON. */
export async function explain(args: readonly string[], out: Output, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const flags = parseFlags(args, { booleans: ['json', 'stdin'], strings: ['role', 'file'] });
  const batch = flags.booleans.stdin === true;
  if (!flags.ok || (batch ? flags.positional.length !== 0 || !flags.booleans.json : flags.positional.length !== 2 || flags.strings.role === undefined)) {
    out.error(flags.error ?? USAGE);
    if (flags.error) out.error(USAGE);
    return 2;
  }
  const loaded = await loadPermissions(flags.strings.file ?? 'permissions.yaml', out);
  if (loaded === undefined) return 1;
  const explainer = new Explainer(loaded.permissions);
  if (batch) {
    for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      out.info(JSON.stringify(explainer.explainLine(line)));
    }
    return 0;
  }
  const roles = (flags.strings.role as string).split(',');
  const unknown = roles.filter((r) => !explainer.roleNames.has(r));
  for (const role of unknown) out.warn(`role ${JSON.stringify(role)} is not declared${suggestion(role, explainer.roleNames)}; it grants nothing`);
  const [method, path] = flags.positional as [string, string];
  const decision = explainer.explain(roles, method, path);
  out.info(`${decision.effect.toUpperCase()} ${method} ${path}`);
  out.info(`  operation: ${decision.operation ?? '(none)'}`);
  out.info(`  reason:    ${decision.reason}`);
  return 0;
}

/** One line of `--json --stdin` output. */
export interface ExplainRecord {
  readonly role: string;
  readonly method: string;
  readonly path: string;
  readonly operation: string | null;
  /** `allow` / `deny`, or null for role `-` (routing only). */
  readonly decision: 'allow' | 'deny' | null;
  readonly reason: string;
}

class Explainer {
  private readonly decider;
  readonly roleNames: ReadonlySet<string>;

  constructor(private readonly permissions: CompiledPermissions) {
    this.decider = deciderFor(permissions);
    this.roleNames = new Set(permissions.roles.map((r) => r.name));
  }

  /** Decides and, for a deny of a granted-then-denied operation, names the deny that removed it. */
  explain(roles: readonly string[], method: string, path: string): Decision {
    const decision = this.decider.decide(roles, method, path);
    if (decision.effect === 'allow' || decision.operation === null) return decision;
    const removed = this.permissions.roles
      .filter((r) => roles.includes(r.name) && r.deniedBy.has(decision.operation as string))
      .map((r) => `role ${r.name}: ${r.deniedBy.get(decision.operation as string)}`);
    return removed.length === 0 ? decision : { ...decision, reason: `${decision.reason}; removed by ${removed.join(', ')}` };
  }

  explainLine(line: string): ExplainRecord | { readonly line: string; readonly error: string } {
    const match = /^\s*(\S+)\s+(\S+)\s+(.*?)\s*$/.exec(line);
    if (match === null) return { line, error: 'expected "ROLE METHOD PATH"' };
    const [, role, method, path] = match as unknown as [string, string, string, string];
    if (role === '-') {
      const decision = this.decider.decide([], method, path);
      const routed = decision.operation !== null;
      return { role, method, path, operation: decision.operation, decision: null, reason: routed ? 'routing only' : decision.reason };
    }
    const decision = this.explain(role.split(','), method, path);
    return { role, method, path, operation: decision.operation, decision: decision.effect, reason: decision.reason };
  }
}
