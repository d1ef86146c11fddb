import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { GENERATED_FILES } from '../generate/formats.js';
import type { SigV4Exception } from '../generate/formats.js';
import { planReviewFiles, planStageInputs, policyVersion, renderManifest } from '../generate/plan.js';
import { renderCountsText } from '../generate/role-area-counts.js';
import { compilePermissions } from '../permissions/compile.js';
import type { Diagnostic } from '../permissions/diagnostics.js';
import { formatDiagnostic } from '../permissions/diagnostics.js';
import { documentSizeWarnings } from '../lint/document-size.js';
import { lintPermissions } from '../lint/lint.js';
import { LintContext, lintDiagnostic } from '../lint/warning.js';
import { FindingPositions } from './finding-position.js';
import { generatedDifferences, replaceGenerated } from './files.js';
import { parseFlags } from './flags.js';
import type { Output } from './output.js';
import { generatorSources } from './source-graph.js';
import type { GenerateStage, StageResult } from './stage.js';

/** What the composition root (scripts/generate-pipeline.ts) plugs in. */
export interface GenerateOptions {
  /** The downstream stages, in order. */
  readonly stages: readonly GenerateStage[];
  /** The project (where the generator's sources are); `--root` defaults to it. */
  readonly projectDir: string;
  /** The modules the generator starts from, relative to `projectDir`: manifest.json hashes what they load. */
  readonly generatorEntries: readonly string[];
  /** Called once the new generated/ is written out beside the old one, before it replaces it (tests inject failures). */
  readonly beforeSwap?: () => Promise<void>;
}

const USAGE = 'usage: npm run generate -- [--strict] [--file permissions.yaml] [--root DIR] [--check [--full]]';

// Role × area counts stay readable in a terminal up to this many roles; beyond, PERMISSIONS.md has them.
const MAX_COUNT_COLUMNS = 8;

/**
 * `npm run generate`: compiles permissions.yaml, runs every stage in memory, and only when nothing is wrong
 * replaces generated/ as a whole (manifest.json last in the plan, hashing inputs, generator and files). Every
 * problem is one line `permissions.yaml:LINE:COL: …`; warnings (SigV4 exceptions, lint) are printed and are
 * fatal with `--strict`. `--check --full` regenerates in memory and compares with disk, writing nothing (the
 * fast `--check` compares hashes, in scripts/generate.mjs). Exit codes: 0 written (or current), 1 problems or
 * stale files, 2 bad usage or an internal error (printed without a stack trace unless AUTHZ_DEBUG is set).
 */
export async function runGenerate(argv: readonly string[], out: Output, options: GenerateOptions): Promise<number> {
  const flags = parseFlags(argv, { booleans: ['check', 'full', 'strict'], strings: ['file', 'root'] });
  if (!flags.ok || flags.positional.length > 0 || (flags.booleans.full === true && flags.booleans.check !== true)) {
    out.error(`${flags.error ?? (flags.positional.length > 0 ? `unexpected argument ${JSON.stringify(flags.positional[0])}` : '--full goes with --check')}\n${USAGE}`);
    return 2;
  }
  const root = flags.strings.root ?? options.projectDir;
  const file = shownPath(flags.strings.file ?? join(root, 'permissions.yaml'));
  const strict = flags.booleans.strict === true;
  try {
    return await generate(file, root, strict, flags.booleans.check === true, out, options);
  } catch (error) {
    out.error(`internal error: ${error instanceof Error ? error.message : String(error)}; nothing was written${process.env.AUTHZ_DEBUG ? '' : ' (AUTHZ_DEBUG=1 shows the stack)'}`);
    if (process.env.AUTHZ_DEBUG && error instanceof Error && error.stack !== undefined) out.error(error.stack);
    return 2;
  }
}

async function generate(file: string, root: string, strict: boolean, check: boolean, out: Output, options: GenerateOptions): Promise<number> {
  const clock = new PhaseClock();
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    out.error(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  const compiled = compilePermissions(source, CATALOGUE, MLFLOW_VERSION, basename(file));
  if (!compiled.ok) return fail(out, file, compiled.diagnostics, []);
  const { permissions } = compiled;

  const inputs = planStageInputs(permissions, source, CATALOGUE);
  clock.lap('compile');
  const results: StageResult[] = [];
  for (const stage of options.stages) {
    results.push(await stage.run(inputs));
    clock.lap(stage.name);
  }

  const positions = new FindingPositions(basename(file), source, new Map(permissions.roles.map((r) => [r.name, r])));
  const errors = results.flatMap((r) => r.errors).map((f) => positions.diagnostic(f));
  // authz lint's checks, and the IAM stage's document sizes judged by the same rules (a role may ignore them).
  const lint = [
    ...lintPermissions(permissions, source, basename(file), CATALOGUE),
    ...documentSizeWarnings(results.flatMap((r) => r.documentSizes ?? []), new LintContext(source, basename(file))),
  ];
  const warnings = [
    ...compiled.warnings,
    ...lint.map(lintDiagnostic),
    ...results.flatMap((r) => r.warnings).map((f) => positions.diagnostic(f)),
  ];
  if (errors.length > 0 || (strict && warnings.length > 0)) return fail(out, file, strict ? [...errors, ...warnings] : errors, strict ? [] : warnings);
  for (const w of warnings) out.warn(formatDiagnostic({ ...w, file }));
  if (warnings.length > 0) {
    out.warn(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} in ${file} (authz lint lists the lint ones; --strict makes every warning a problem; a role may list intended ones in ignoreWarnings)`);
  }

  const exceptions: SigV4Exception[] = results.flatMap((r) => r.sigv4Exceptions);
  const files = new Map([...inputs, ...planReviewFiles(permissions, source, CATALOGUE, exceptions)]);
  for (const result of results) {
    for (const [path, content] of result.files) {
      if (files.has(path)) throw new Error(`two stages plan ${path}`);
      files.set(path, content);
    }
  }
  const generator = await generatorSources(options.projectDir, options.generatorEntries);
  files.set(GENERATED_FILES.manifest, renderManifest({ permissionsSource: source, catalogue: CATALOGUE, mlflowVersion: permissions.settings.mlflowVersion, generator }, files));
  const version = policyVersion(source, CATALOGUE);

  if (check) {
    const differences = await generatedDifferences(root, files);
    for (const d of differences) out.error(`stale: ${d.path} ${d.kind === 'unexpected' ? 'is not generated from' : d.kind === 'missing' ? 'is missing for' : 'does not match'} ${file}; run npm run generate`);
    if (differences.length === 0) out.info(`generated/ matches ${file} (policy version ${version}), regenerated in memory`);
    return differences.length === 0 ? 0 : 1;
  }
  await replaceGenerated(root, files, options.beforeSwap);
  clock.lap('write');
  const roles = permissions.roles.length;
  out.info(`wrote ${files.size} files to generated/ from ${file}: ${roles} role${roles === 1 ? '' : 's'}, policy version ${version}, MLflow ${permissions.settings.mlflowVersion} (${clock.summary()})`);
  for (const result of results) out.info(`  ${result.summary}`);
  out.info(roles <= MAX_COUNT_COLUMNS ? renderCountsText(permissions, CATALOGUE) : `operations per role and area: ${GENERATED_FILES.permissionsMd}`);
  return 0;
}

/** Wall time per phase, for the summary line: `1.8 s: compile 0.1 s, iam 1.6 s, write 0.1 s`. */
class PhaseClock {
  private readonly started = performance.now();
  private last = this.started;
  private readonly phases: [string, number][] = [];

  lap(name: string): void {
    const now = performance.now();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  summary(): string {
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return `${s(this.last - this.started)}: ${this.phases.map(([name, ms]) => `${name} ${s(ms)}`).join(', ')}`;
  }
}

// Named as the user would: relative to the working directory when below it (`permissions.yaml:12:7: …`).
function shownPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near === '' || near.startsWith('..') || isAbsolute(near) ? path : near;
}

function fail(out: Output, file: string, problems: readonly Diagnostic[], warnings: readonly Diagnostic[]): number {
  for (const w of warnings) out.warn(formatDiagnostic({ ...w, file }));
  for (const p of problems) out.error(formatDiagnostic({ ...p, file }));
  out.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}; nothing was written`);
  return 1;
}
