// The IAM stage of `npm run generate`: generated/iam/ from the role inputs authz-core planned, in memory.
import type { IamRoleInputs, PatternCollision } from '@mlflow-authz/core';
import { assembleParts, CATALOGUE, GENERATED_FILES, patternMethods } from '@mlflow-authz/core';
import type { GenerateStage, StageFinding, StageResult } from '@mlflow-authz/core/stage';
import { documentFile, planFiles } from './generated-files.js';
import { lostClass } from './lost-class.js';
import type { PartOutcome, PartsRunner } from './pattern-parts.js';
import { inThread } from './pattern-parts.js';
import { RoleInputsError, parseRoleInputs } from './role-inputs.js';
import type { RolePolicies } from './role-policies.js';
import { RolePolicyError, rolePolicies } from './role-policies.js';

/**
 * The stage: parses generated/iam/roles.json from the planned files, builds each distinct set of granted
 * operations' patterns once (roles with the same rights share them), method by method with `runner` (worker
 * threads, or this thread), and plans generated/iam/. Collisions fail closed and come back as warnings and
 * SigV4 exceptions; a role that cannot be proven or does not fit IAM's quotas is an error naming the role.
 */
export function iamStage(runner: PartsRunner = inThread): GenerateStage {
  return { name: 'iam', run: (planned) => runIamStage(planned, runner) };
}

async function runIamStage(planned: ReadonlyMap<string, string>, runner: PartsRunner): Promise<StageResult> {
  const inputs = roleInputs(planned);
  const roles = Object.keys(inputs.roles).sort();
  const grantSets = new Map<string, readonly string[]>();
  for (const role of roles) {
    const operations = (inputs.roles[role] as IamRoleInputs['roles'][string]).operations;
    grantSets.set(key(operations), operations);
  }
  const sets = [...grantSets.values()];
  const methods = patternMethods(CATALOGUE, 'iam');
  const outcomes = await runner(methods.map((method) => ({ method, grants: sets })));

  const errors: StageFinding[] = [];
  const warnings: StageFinding[] = [];
  const policies: RolePolicies[] = [];
  for (const role of roles) {
    const index = [...grantSets.keys()].indexOf(key((inputs.roles[role] as IamRoleInputs['roles'][string]).operations));
    const parts = outcomes.map((perSet) => perSet[index] as PartOutcome);
    const failed = parts.flatMap((p) => (p.ok ? [] : [p.message]));
    if (failed.length > 0) {
      errors.push({ role, message: `no sound IAM policy exists for its operations: ${failed.map((m) => m.replace(/\n\s*/g, '; ')).join('; ')}` });
      continue;
    }
    const built = assembleParts(parts.map((p) => (p as Extract<PartOutcome, { ok: true }>).part));
    try {
      const p = rolePolicies(role, built, inputs.apiStageName);
      policies.push(p);
      for (const collision of built.collisions) warnings.push(...collisionWarnings(role, collision));
    } catch (error) {
      if (!(error instanceof RolePolicyError)) throw error;
      errors.push({ role, message: error.detail });
    }
  }
  const files = errors.length > 0 ? new Map<string, string>() : planFiles(inputs, policies);
  const documents = policies.reduce((n, p) => n + p.documents.length, 0);
  return {
    files,
    errors,
    warnings,
    sigv4Exceptions: policies.flatMap((p) => p.sigv4Exceptions),
    documentSizes: policies.flatMap((p) =>
      p.sizes.map((characters, i) => ({ role: p.role, document: documentFile(p.role, i + 1), characters })),
    ),
    summary: `generated/iam/: ${documents} policy document${documents === 1 ? '' : 's'} for ${roles.length} role${roles.length === 1 ? '' : 's'} (${sets.length} distinct operation set${sets.length === 1 ? '' : 's'}), the shared guard and the API resource policy`,
  };
}

function roleInputs(planned: ReadonlyMap<string, string>): IamRoleInputs {
  const text = planned.get(GENERATED_FILES.iamInputs);
  if (text === undefined) throw new RoleInputsError(GENERATED_FILES.iamInputs, 'not planned by authz-core');
  return parseRoleInputs(GENERATED_FILES.iamInputs, JSON.parse(text), new Set(CATALOGUE.map((op) => op.id)));
}

function key(operations: readonly string[]): string {
  return [...operations].sort().join('\n');
}

/** One warning per lost operation, at the grant that gave it, with the fix. */
function collisionWarnings(role: string, collision: PatternCollision): StageFinding[] {
  return collision.lost.map((lost) => ({
    role,
    operation: lost.operation,
    message:
      `over SigV4 it cannot call ${lostClass(lost)} (e.g. ${collision.method} ${lost.example}): IAM wildcards cannot deny ` +
      `${collision.protects.operation} (${collision.method} ${collision.protects.example}), which it lacks, without also denying those ` +
      `(deny ${collision.deny}); the browser path stays exact. Fix: also grant ${collision.protects.operation}, or also deny ${lost.operation}`,
  }));
}
