// Synthesizes the CDK app once for a test file, offline, with the repository's cdk.json context.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { MlflowDeploymentConfig } from '../src/config/deployment-config.js';
import type { MlflowStacks } from '../src/app.js';
import { buildApp } from '../src/app.js';
import { REPO_ROOT } from '../src/constructs/mlflow-image.js';
import type { GeneratedInputs } from '../src/generated-inputs.js';
import { readGeneratedInputs } from '../src/generated-inputs.js';

export interface Synthesized extends MlflowStacks {
  readonly generated: GeneratedInputs;
  readonly templates: { readonly data: Template; readonly service: Template; readonly access: Template };
  readonly outdir: string;
  readonly milliseconds: number;
}

/** The app as `cdk synth` builds it (cdk.json's context), synthesized into a temporary directory. */
export function synthesize(config: MlflowDeploymentConfig): Synthesized {
  const started = performance.now();
  const context = (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
  const outdir = mkdtempSync(join(tmpdir(), 'mlflow-cdk-'));
  const generated = readGeneratedInputs(REPO_ROOT);
  const stacks = buildApp(config, generated, { outdir, context, autoSynth: false });
  // As `cdk synth` runs it: CloudFormation's default rules included, which the suite turns off for construct-level
  // tests (vitest.config.ts).
  withCloudFormationValidation(() => stacks.app.synth());
  const templates = { data: Template.fromStack(stacks.data), service: Template.fromStack(stacks.service), access: Template.fromStack(stacks.access) };
  return { ...stacks, generated, templates, outdir, milliseconds: performance.now() - started };
}

// Runs `synth` with CDK's built-in CloudFormation validation on, whatever the environment says.
function withCloudFormationValidation(synth: () => void): void {
  const saved = process.env['CDK_VALIDATION'];
  delete process.env['CDK_VALIDATION'];
  try {
    synth();
  } finally {
    if (saved !== undefined) process.env['CDK_VALIDATION'] = saved;
  }
}

/** CloudFormation resources of a template, by logical id. */
export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>;

export function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}

/**
 * A template value with the pseudo parameters and references written as the generated files' placeholders,
 * so that ARNs compare as strings: `{Ref: AWS::Partition}` → `${Partition}`, an imported or referenced API id → `${ApiId}`.
 */
export function renderArn(value: unknown, apiId: (ref: unknown) => boolean): string {
  if (typeof value === 'string') return value;
  if (apiId(value)) return '${ApiId}';
  const object = value as Record<string, unknown>;
  if ('Ref' in object) {
    const names: Record<string, string> = { 'AWS::Partition': '${Partition}', 'AWS::Region': '${Region}', 'AWS::AccountId': '${Account}' };
    const name = names[object['Ref'] as string];
    if (name !== undefined) return name;
  }
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => renderArn(p, apiId)).join(separator);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}
