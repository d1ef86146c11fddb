import { LineCounter, parseDocument } from 'yaml';
import type { Operation } from '../catalogue/types.js';
import type { Diagnostic, PathKey } from './diagnostics.js';
import { Locator } from './diagnostics.js';
import type { CompiledPermissions, CompiledRole } from './model.js';
import type { PermissionsFile, RoleSpec } from './schema.js';
import { PermissionsFileSchema } from './schema.js';
import { schemaDiagnostics } from './schema-issues.js';
import type { Selector } from './selectors.js';
import { parseSelector, selects } from './selectors.js';
import { suggestion } from './suggest.js';

/** The compiled file and its warnings (likely mistakes that do not stop generation), or every problem found. */
export type CompileResult =
  | { readonly ok: true; readonly permissions: CompiledPermissions; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Compiles permissions.yaml against the catalogue. Every problem is reported with its position, not just the
 * first; nothing is compiled unless there are none. A role's rights are the union of its includes' rights and
 * its own grants, minus its own denies (an included role's denies already shaped that role's rights).
 */
export function compilePermissions(
  source: string,
  catalogue: readonly Operation[],
  pinnedMlflowVersion: string,
  file = 'permissions.yaml',
): CompileResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const locator = new Locator(file, doc, lines);
  if (doc.errors.length > 0) {
    return { ok: false, diagnostics: doc.errors.map((e) => locator.atOffset(e.pos[0], `YAML syntax: ${firstLine(e.message)}`)) };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = PermissionsFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, diagnostics: schemaDiagnostics(parsed.error.issues, raw, locator) };
  return new Compiler(parsed.data, catalogue, pinnedMlflowVersion, locator).compile();
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

interface Rights {
  readonly granted: Map<string, string>;
  readonly denied: Map<string, string>;
}

class Compiler {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly warnings: Diagnostic[] = [];
  private readonly operationIds: ReadonlySet<string>;
  private readonly rights = new Map<string, Rights | 'in-progress' | 'failed'>();

  constructor(
    private readonly file: PermissionsFile,
    private readonly catalogue: readonly Operation[],
    private readonly pinnedMlflowVersion: string,
    private readonly locator: Locator,
  ) {
    this.operationIds = new Set(catalogue.map((op) => op.id));
  }

  compile(): CompileResult {
    const { settings, roles } = this.file;
    if (settings.mlflowVersion !== this.pinnedMlflowVersion) {
      this.report(['settings', 'mlflowVersion'], `the catalogue describes MLflow ${this.pinnedMlflowVersion}, not ${settings.mlflowVersion}; the server image and this file must name the same release`);
    }
    const names = Object.keys(roles);
    if (names.length === 0) this.report(['roles'], 'no roles are declared');
    for (const name of names) this.checkIncludes(name, roles[name] as RoleSpec);
    const selectors = new Map(names.map((name) => [name, this.roleSelectors(name, roles[name] as RoleSpec)]));
    if (this.diagnostics.length > 0) return { ok: false, diagnostics: this.diagnostics };

    const compiled = names.map((name) => this.compileRole(name, selectors as Map<string, RoleSelectors>, []));
    const cognitoGroups = this.uniqueBindings('cognitoGroups', 'Cognito group');
    this.uniqueBindings('sagemakerUserProfiles', 'SageMaker user profile');
    this.uniqueBindings('iamPrincipals', 'IAM principal');
    if (this.diagnostics.length > 0) return { ok: false, diagnostics: this.diagnostics };
    return {
      ok: true,
      warnings: this.warnings,
      permissions: {
        settings,
        roles: compiled.filter((r): r is CompiledRole => r !== undefined).sort((a, b) => (a.name < b.name ? -1 : 1)),
        cognitoGroups,
      },
    };
  }

  private report(path: PathKey[], message: string, atKey = false): void {
    this.diagnostics.push(this.locator.at(path, message, { atKey }));
  }

  private warn(path: PathKey[], message: string): void {
    this.warnings.push(this.locator.at(path, message));
  }

  private checkIncludes(name: string, role: RoleSpec): void {
    const names = Object.keys(this.file.roles);
    role.includes.forEach((included, i) => {
      if (!(included in this.file.roles)) {
        this.report(['roles', name, 'includes', i], `unknown role ${JSON.stringify(included)}${suggestion(included, names)}`);
      } else if (included === name) {
        this.report(['roles', name, 'includes', i], `role ${JSON.stringify(name)} includes itself`);
      }
    });
  }

  private roleSelectors(name: string, role: RoleSpec): RoleSelectors {
    const parse = (list: 'grants' | 'deny') =>
      role[list].flatMap((text, i): [string, Selector][] => {
        const result = parseSelector(text, this.operationIds);
        if (!result.ok) {
          this.report(['roles', name, list, i], result.message);
          return [];
        }
        const selected = this.catalogue.filter((op) => selects(result.selector, op));
        if (selected.length > 0 && selected.every((op) => op.public === true)) {
          const ids = selected.map((op) => op.id).join(', ');
          if (list === 'deny') this.report(['roles', name, list, i], `${ids} ${selected.length === 1 ? 'is' : 'are'} public: anyone may call ${selected.length === 1 ? 'it' : 'them'}, with a token or without (the UI shell loads before login, without the authorizer), so no role can deny ${selected.length === 1 ? 'it' : 'them'}; remove this deny`);
          else this.warn(['roles', name, list, i], `grant ${JSON.stringify(text)} changes nothing: ${ids} ${selected.length === 1 ? 'is' : 'are'} public (anyone may call ${selected.length === 1 ? 'it' : 'them'}, with a token or without); remove it`);
        }
        return [[text, result.selector]];
      });
    return { grants: parse('grants'), deny: parse('deny') };
  }

  /** Rights of a role (public operations aside), computing its includes first; reports a cycle once, where it closes. */
  private rightsOf(name: string, selectors: Map<string, RoleSelectors>, chain: string[]): Rights | undefined {
    const known = this.rights.get(name);
    if (known === 'in-progress') {
      const cycle = [...chain.slice(chain.indexOf(name)), name];
      const from = cycle[cycle.length - 2] as string;
      const index = (this.file.roles[from] as RoleSpec).includes.indexOf(name);
      this.report(['roles', from, 'includes', index], `inheritance cycle: ${cycle.join(' → ')}`);
      for (const member of cycle) this.rights.set(member, 'failed');
      return undefined;
    }
    if (known === 'failed') return undefined;
    if (known !== undefined) return known;
    this.rights.set(name, 'in-progress');
    const role = this.file.roles[name] as RoleSpec;
    const own = selectors.get(name) as RoleSelectors;
    const granted = new Map<string, string>();
    for (const included of role.includes) {
      const inherited = this.rightsOf(included, selectors, [...chain, name]);
      if (inherited === undefined) {
        this.rights.set(name, 'failed');
        return undefined;
      }
      for (const [id, why] of inherited.granted) if (!granted.has(id)) granted.set(id, `includes ${included}: ${why}`);
    }
    for (const op of this.catalogue) {
      // Public operations are everyone's already: no role's rights list them.
      if (op.public === true) continue;
      const grant = own.grants.find(([, selector]) => selects(selector, op));
      if (grant !== undefined && !granted.has(op.id)) granted.set(op.id, `grant ${JSON.stringify(grant[0])}`);
    }
    const denied = new Map<string, string>();
    // A deny that removes nothing is not an error: `authz lint` warns about it (unused-deny).
    for (const [text, selector] of own.deny) {
      const removed = this.catalogue.filter((op) => granted.has(op.id) && selects(selector, op));
      for (const op of removed) {
        if (!denied.has(op.id)) denied.set(op.id, `deny ${JSON.stringify(text)}`);
      }
    }
    for (const id of denied.keys()) granted.delete(id);
    const rights = { granted, denied };
    this.rights.set(name, rights);
    return rights;
  }

  private compileRole(name: string, selectors: Map<string, RoleSelectors>, chain: string[]): CompiledRole | undefined {
    const rights = this.rightsOf(name, selectors, chain);
    if (rights === undefined) return undefined;
    const role = this.file.roles[name] as RoleSpec;
    if (rights.granted.size === 0) {
      const message =
        rights.denied.size > 0
          ? `role ${JSON.stringify(name)} is left with no operation: its denies take out everything its grants and includes give`
          : `role ${JSON.stringify(name)} grants nothing: add grants or includes, or remove the role`;
      this.report(['roles', name], message, true);
    }
    return {
      name,
      description: role.description,
      operations: this.catalogue.filter((op) => rights.granted.has(op.id)).map((op) => op.id),
      grantedBy: rights.granted,
      deniedBy: rights.denied,
      includes: role.includes,
      cognitoGroups: role.bindings.cognitoGroups,
      sagemakerUserProfiles: role.bindings.sagemakerUserProfiles,
      iamPrincipals: role.bindings.iamPrincipals,
    };
  }

  /** Each name may be bound to one role only; returns name → role. */
  private uniqueBindings(kind: keyof RoleSpec['bindings'], label: string): Map<string, string> {
    const owner = new Map<string, string>();
    for (const [name, role] of Object.entries(this.file.roles)) {
      role.bindings[kind].forEach((value, i) => {
        const other = owner.get(value);
        if (other === undefined) owner.set(value, name);
        else if (other === name) this.report(['roles', name, 'bindings', kind, i], `${label} ${JSON.stringify(value)} is listed twice`);
        else {
          const hint = kind === 'cognitoGroups' ? 'a user in several groups already gets the union of their roles' : 'its policies would have to combine both roles';
          this.report(
            ['roles', name, 'bindings', kind, i],
            `${label} ${JSON.stringify(value)} is already bound to role ${JSON.stringify(other)}; bind it to one role (make a role that includes both if it needs both: ${hint})`,
          );
        }
      });
    }
    return new Map([...owner].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

interface RoleSelectors {
  readonly grants: readonly [string, Selector][];
  readonly deny: readonly [string, Selector][];
}
