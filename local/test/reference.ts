// The reference decision: permissions.yaml read by the suite's independent reference model (test/reference/) and
// judged by its decision contract (test/contract/), not by authz-core's compiler, router or Decider — those are
// what the gateway under test runs. parity.e2e.test.ts checks that `authz explain` agrees with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '@mlflow-authz/core';
import { isMalformed, permitted } from '@mlflow-authz/test/contract';
import type { ReferenceModel } from '@mlflow-authz/test/reference';
import { referenceModel, rightsOfRoles } from '@mlflow-authz/test/reference';
import { PROJECT_ROOT } from '../src/paths.js';

/** What permissions.yaml says of one request: allow or deny, the operation MLflow runs (null: none), and why. */
export interface ReferenceDecision {
  readonly effect: 'allow' | 'deny';
  readonly operation: string | null;
  readonly reason: string;
}

/** The reference model of the project's permissions.yaml (or another project's). */
export function projectModel(root: string = PROJECT_ROOT): ReferenceModel {
  return referenceModel(readFileSync(join(root, 'permissions.yaml'), 'utf8'), CATALOGUE);
}

/** Decides `method path` (query string ignored) for a caller holding `roles`, from permissions.yaml. */
export function referenceDecider(root: string = PROJECT_ROOT): (roles: readonly string[], method: string, path: string) => ReferenceDecision {
  const model = projectModel(root);
  return (roles, method, path) => {
    const bare = path.split('?')[0] as string;
    const granted = rightsOfRoles(model, roles);
    const { operation, allowed } = permitted(granted, { method, path: bare });
    const reason = isMalformed(bare) ? 'malformed path' : operation === null ? 'no route' : allowed ? 'granted' : 'not granted';
    return { effect: allowed ? 'allow' : 'deny', operation, reason };
  };
}
