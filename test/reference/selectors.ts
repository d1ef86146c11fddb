// What a grant or deny selector of permissions.yaml selects, once for all of the suite's oracles (the reference
// model, the random-file generator, the compiler's and the IAM generator's property tests): `*` (every
// operation), `area:access` with either part `*`, or an operation id. Independent of authz-core's compiler.
import type { Operation } from '@mlflow-authz/core';

/** Whether `selector` selects `op`. */
export function selects(selector: string, op: Pick<Operation, 'id' | 'area' | 'access'>): boolean {
  if (selector === '*') return true;
  const colon = selector.indexOf(':');
  if (colon < 0) return selector === op.id;
  const area = selector.slice(0, colon);
  const access = selector.slice(colon + 1);
  return (area === '*' || area === op.area) && (access === '*' || access === op.access);
}

/** The ids of the operations of `catalogue` any of `selectors` selects (public operations left out: no role holds them). */
export function selectedOperations(selectors: readonly string[], catalogue: readonly Operation[]): Set<string> {
  return new Set(catalogue.filter((op) => op.public !== true && selectors.some((s) => selects(s, op))).map((op) => op.id));
}
