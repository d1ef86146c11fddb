// The reference decision: authz-core's Decider over permissions.yaml compiled afresh (what `authz explain` prints;
// parity.test.ts checks the two agree).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision } from '@mlflow-authz/core';
import { CATALOGUE, compilePermissions, Decider, MLFLOW_VERSION, Router } from '@mlflow-authz/core';
import { PROJECT_ROOT } from '../src/paths.js';

/** Decides `method path` (query string ignored) for a caller holding `roles`, from permissions.yaml. */
export function referenceDecider(root: string = PROJECT_ROOT): (roles: readonly string[], method: string, path: string) => Decision {
  const compiled = compilePermissions(readFileSync(join(root, 'permissions.yaml'), 'utf8'), CATALOGUE, MLFLOW_VERSION);
  if (!compiled.ok) throw new Error('permissions.yaml does not compile');
  const decider = new Decider(new Router(CATALOGUE), new Map(compiled.permissions.roles.map((r) => [r.name, r.grantedBy])));
  return (roles, method, path) => {
    const q = path.indexOf('?');
    return decider.decide(roles, method, q < 0 ? path : path.slice(0, q));
  };
}
