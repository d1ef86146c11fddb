import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compilePermissions } from '../permissions/compile.js';
import { formatDiagnostic } from '../permissions/diagnostics.js';
import type { CompiledPermissions } from '../permissions/model.js';
import { parseSelector, selects } from '../permissions/selectors.js';
import { documentSizeWarnings } from './document-size.js';
import { lintPermissions } from './lint.js';
import { LINT_RULE_IDS } from './rules.js';
import type { LintRule } from './rules.js';
import type { LintWarning } from './warning.js';
import { formatWarning, LintContext } from './warning.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function compiled(source: string): CompiledPermissions {
  const result = compilePermissions(source, CATALOGUE, MLFLOW_VERSION);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.permissions;
}

function lint(source: string, file = 'permissions.yaml'): LintWarning[] {
  return lintPermissions(compiled(source), source, file, CATALOGUE);
}

describe('authz lint on fixture files', () => {
  it('says nothing about a file without likely mistakes', () => {
    expect(lint(fixture('clean.yaml'))).toEqual([]);
  });

  it('warns once per mistake, one line each at the offending node, with the rule id', () => {
    const lines = lint(fixture('mistakes.yaml'), 'mistakes.yaml').map(formatWarning);
    expect(lines).toEqual([
      expect.stringMatching(/^mistakes\.yaml:6:3: role viewers: its Cognito users cannot load the MLflow UI, which needs get_server_info \(.+\); SearchExperiments \(.+\): add get_server_info, SearchExperiments to its grants \[ui-unloadable\]$/),
      'mistakes.yaml:19:9: role annotators: can change evaluation (CreateAssessment, UpdateAssessment, CreateIssue and 10 more) but read nothing in it: its holders can change what they cannot read back; grant "evaluation:read" too, or the reads it needs [write-without-read]',
      expect.stringMatching(/^mistakes\.yaml:23:3: role gateway-callers: is bound to SageMaker user profile gateway-caller \(the SigV4 path\) but none of its operations \(invocations, chat_completions\) is served under \/api\/, so its IAM policies allow nothing: .* \[sigv4-unreachable\]$/),
      expect.stringMatching(/^mistakes\.yaml:26:9: role gateway-callers: can change gateway \(invocations, chat_completions\) but read nothing in it: .* \[write-without-read\]$/),
      expect.stringMatching(/^mistakes\.yaml:31:3: role auditors: is bound to nobody and no role includes it, .* \[unbound\]$/),
      expect.stringMatching(/^mistakes\.yaml:41:9: role readers: deny "DeleteRun" removes nothing: neither its grants nor its includes give DeleteRun; remove the deny .* \[unused-deny\]$/),
      expect.stringMatching(/^mistakes\.yaml:42:9: role readers: deny "gateway:\*" removes nothing: .* \[unused-deny\]$/),
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('ignoreWarnings silences exactly the rules a role lists', () => {
    const source = fixture('mistakes.yaml');
    expect(lint(source).filter((w) => w.role === 'quiet-callers')).toEqual([]);
    const loud = source.replace('ignoreWarnings: [sigv4-unreachable, write-without-read]', 'ignoreWarnings: [sigv4-unreachable]');
    expect(lint(loud).filter((w) => w.role === 'quiet-callers').map((w) => w.rule)).toEqual(['write-without-read']);
  });

  it('names the deny that removed a UI call, and the deny that removed an area\'s reads', () => {
    const source = `version: 1
settings:
  mlflowVersion: "${MLFLOW_VERSION}"
roles:
  guests:
    description: g
    grants: ["*:read", "evaluation:write"]
    deny: ["server:*", "evaluation:read"]
    bindings:
      cognitoGroups: [guests]
`;
    const [ui, wwr] = lint(source).map(formatWarning);
    expect(ui).toMatch(/get_server_info \(.*; removed by deny "server:\*"\): add get_server_info to its grants and narrow deny "server:\*" so that it keeps them \[ui-unloadable\]$/);
    expect(wwr).toMatch(/can change evaluation .*; narrow deny "evaluation:read" so that it keeps the reads it needs \[write-without-read\]$/);
  });

  it('the IAM stage\'s size warning: one line at the role, above the soft target of documents only', () => {
    const source = fixture('clean.yaml');
    const context = new LintContext(source, 'permissions.yaml');
    const sizes = [
      ...[1, 2, 3].map((n) => ({ role: 'writers', document: `writers.${n}.json`, characters: 6000 })),
      ...[1, 2].map((n) => ({ role: 'readers', document: `readers.${n}.json`, characters: 6100 })),
    ];
    expect(documentSizeWarnings(sizes, context).map(formatWarning)).toEqual([
      expect.stringMatching(/^permissions\.yaml:21:3: role writers: its IAM policies need 3 managed policies \(writers\.1\.json, writers\.2\.json, writers\.3\.json: 18,000 characters\), more than the soft target of 2: .* \[document-size\]$/),
    ]);
  });
});

// Random role files; every warning's fix, applied as the message says, must silence that warning.
const GRANTS = ['*:read', 'runs:read', 'runs:write', 'experiments:write', 'evaluation:write', 'traces:read', 'traces:delete', 'gateway:write', 'invocations', 'get_server_info', 'SearchExperiments', 'DeleteRun', 'server:read'];
const DENIES = ['DeleteRun', 'server:*', 'get_server_info', 'runs:read', 'gateway:*', 'traces:delete', 'SearchExperiments', 'evaluation:read', 'mcp:*'];
// Operations served only on browser routes: a SigV4-bound role holding only these reaches nothing.
const BROWSER_ONLY = ['invocations', 'chat_completions', 'serve_artifacts', 'graphql', 'serve_gateway_proxy'];
const BINDINGS = ['cognitoGroups', 'sagemakerUserProfiles', 'iamPrincipals'] as const;

interface RoleDraft {
  grants: string[];
  deny: string[];
  includes: string[];
  bindings: Partial<Record<(typeof BINDINGS)[number], string[]>>;
  ignoreWarnings?: string[];
}

const roleArb = (index: number) =>
  fc.record({
    grants: fc.oneof({ weight: 3, arbitrary: fc.subarray(GRANTS, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.subarray(BROWSER_ONLY, { minLength: 1, maxLength: 2 }) }),
    deny: fc.subarray(DENIES, { maxLength: 2 }),
    includes: fc.subarray(Array.from({ length: index }, (_, i) => `r${i}`), { maxLength: Math.min(1, index) }),
    bindings: fc.subarray([...BINDINGS], { maxLength: 2 }).map((kinds) => Object.fromEntries(kinds.map((k) => [k, [`${k.slice(0, 3)}-r${index}`]]))),
  });

const fileArb = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => roleArb(i))));

function source(roles: readonly RoleDraft[]): string {
  const body = Object.fromEntries(roles.map((r, i) => [`r${i}`, { description: `role ${i}`, ...r }]));
  return stringify({ version: 1, settings: { mlflowVersion: MLFLOW_VERSION }, roles: body });
}

/** The file with the fix the warning describes applied to it. */
function applyFix(roles: RoleDraft[], w: LintWarning, permissions: CompiledPermissions): RoleDraft[] | undefined {
  const index = Number(w.role.slice(1));
  const role = structuredClone(roles[index]) as RoleDraft;
  const compiledRole = permissions.roles.find((r) => r.name === w.role);
  if (compiledRole === undefined) return undefined;
  // "narrow deny X": the fix drops every deny the message names.
  const dropDeniesOf = (_ids: readonly string[]) => {
    role.deny = role.deny.filter((d) => !w.message.includes(`narrow deny ${JSON.stringify(d)}`) && !w.message.includes(`, deny ${JSON.stringify(d)}`));
  };
  switch (w.rule) {
    case 'ui-unloadable': {
      const missing = ['get_server_info', 'SearchExperiments'].filter((id) => w.message.includes(`${id} (`));
      role.grants.push(...missing);
      dropDeniesOf(missing);
      break;
    }
    case 'write-without-read': {
      const area = /can (?:change|delete in) (\S+) /.exec(w.message)?.[1] as string;
      role.grants.push(`${area}:read`);
      dropDeniesOf(CATALOGUE.filter((op) => op.area === area && op.access === 'read').map((op) => op.id));
      break;
    }
    case 'sigv4-unreachable': {
      const ids = new Set(CATALOGUE.map((op) => op.id));
      const denies = role.deny.flatMap((d) => {
        const p = parseSelector(d, ids);
        return p.ok ? [p.selector] : [];
      });
      const reachable = CATALOGUE.find((op) => op.routes.some((r) => r.path.startsWith('/api/')) && !denies.some((s) => selects(s, op)));
      if (reachable === undefined) return undefined;
      role.grants.push(reachable.id);
      break;
    }
    case 'unbound':
      role.bindings = { cognitoGroups: [`fixed-r${index}`] };
      break;
    case 'unused-deny':
      role.deny = role.deny.filter((d) => !w.message.includes(`deny ${JSON.stringify(d)} removes nothing`));
      break;
    case 'document-size':
      return undefined;
  }
  return roles.map((r, i) => (i === index ? role : r));
}

function sameWarning(a: LintWarning, b: LintWarning): boolean {
  if (a.rule !== b.rule || a.role !== b.role) return false;
  if (a.rule === 'unused-deny' || a.rule === 'write-without-read') return a.message.split(':')[1] === b.message.split(':')[1];
  return true;
}

// Each run compiles and lints a file once per warning; LINT_RUNS=2000 for a longer search.
const RUNS = Number(process.env.LINT_RUNS ?? 60);

describe('authz lint, over random role files', () => {
  it('every warning is one line at a node of its own role, and applying its fix silences it', () => {
    const fixed = new Map<LintRule, number>(LINT_RULE_IDS.map((r) => [r, 0]));
    let files = 0;
    fc.assert(
      fc.property(fileArb, (drafts) => {
        const roles = drafts as RoleDraft[];
        const text = source(roles);
        const result = compilePermissions(text, CATALOGUE, MLFLOW_VERSION);
        if (!result.ok) return;
        files++;
        const warnings = lintPermissions(result.permissions, text, 'permissions.yaml', CATALOGUE);
        const lines = text.split('\n');
        for (const w of warnings) {
          expect(formatWarning(w)).not.toContain('\n');
          const roleLine = lines.findIndex((l) => l === `  ${w.role}:`) + 1;
          const nextRole = lines.findIndex((l, i) => i >= roleLine && /^ {2}\S/.test(l)) + 1 || lines.length + 1;
          expect(w.line).toBeGreaterThanOrEqual(roleLine);
          expect(w.line).toBeLessThan(nextRole);
          const after = applyFix(roles, w, result.permissions);
          if (after === undefined) continue;
          const again = compilePermissions(source(after), CATALOGUE, MLFLOW_VERSION);
          if (!again.ok) continue;
          const remaining = lintPermissions(again.permissions, source(after), 'permissions.yaml', CATALOGUE);
          expect(remaining.filter((r) => sameWarning(r, w)), `${formatWarning(w)}\n${source(after)}`).toEqual([]);
          fixed.set(w.rule, (fixed.get(w.rule) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    expect(files).toBeGreaterThanOrEqual(RUNS * 0.6);
    for (const rule of ['ui-unloadable', 'write-without-read', 'sigv4-unreachable', 'unbound', 'unused-deny'] as const) {
      expect(fixed.get(rule), rule).toBeGreaterThanOrEqual(RUNS / 12);
    }
  });
});
