import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, PathKey } from '../permissions/diagnostics.js';
import { Locator } from '../permissions/diagnostics.js';
import type { CompiledRole } from '../permissions/model.js';
import type { StageFinding } from './stage.js';

/**
 * Places stage findings in permissions.yaml: at the grant (or include) that gave the operation a finding is
 * about, else at the role's name, as `permissions.yaml:LINE:COL: role R: message`.
 */
export class FindingPositions {
  private readonly locator: Locator;
  private readonly roles: Readonly<Record<string, { grants?: unknown; includes?: unknown }>>;

  constructor(
    file: string,
    source: string,
    private readonly compiled: ReadonlyMap<string, CompiledRole>,
  ) {
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines });
    this.locator = new Locator(file, doc, lines);
    const js = doc.toJS({ maxAliasCount: 100 }) as { roles?: Record<string, { grants?: unknown; includes?: unknown }> } | null;
    this.roles = js?.roles ?? {};
  }

  /** The finding as a diagnostic. */
  diagnostic(finding: StageFinding): Diagnostic {
    return this.locator.at(this.path(finding), `role ${finding.role}: ${finding.message}`, { atKey: true, named: false });
  }

  private path(finding: StageFinding): PathKey[] {
    const role = ['roles', finding.role];
    const why = finding.operation === undefined ? undefined : this.compiled.get(finding.role)?.grantedBy.get(finding.operation);
    if (why === undefined) return role;
    const spec = this.roles[finding.role];
    const include = /^includes ([^:]+):/.exec(why);
    if (include !== null) {
      const index = Array.isArray(spec?.includes) ? spec.includes.indexOf(include[1]) : -1;
      return index < 0 ? role : [...role, 'includes', index];
    }
    const grant = /^grant (".*")$/.exec(why);
    const text = grant === null ? undefined : (JSON.parse(grant[1] as string) as string);
    const index = Array.isArray(spec?.grants) ? spec.grants.indexOf(text) : -1;
    return index < 0 ? role : [...role, 'grants', index];
  }
}
