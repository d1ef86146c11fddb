// An independent, deliberately small reading of permissions.yaml for the parity proofs: it shares nothing with
// authz-core's compiler or decision code beyond parsing the YAML and reading the catalogue data.
import type { Operation } from '@mlflow-authz/core';
import { parse } from 'yaml';
import { selects } from './selectors.js';

interface RoleText {
  includes?: string[];
  grants?: string[];
  deny?: string[];
  bindings?: { cognitoGroups?: string[]; sagemakerUserProfiles?: string[]; iamPrincipals?: string[] };
}

/** Role rights and group bindings as permissions.yaml's header defines them, and what anyone may call. */
export interface ReferenceModel {
  readonly rights: ReadonlyMap<string, ReadonlySet<string>>;
  readonly roleOfGroup: ReadonlyMap<string, string>;
  /** The catalogue's public operations (the UI shell): allowed to anyone, with a role or without. */
  readonly publicOperations: ReadonlySet<string>;
}

/**
 * Reads a (valid) permissions.yaml: rights = ∪ included roles' rights ∪ own grants − own denies; the public
 * operations are nobody's rights and everybody's.
 */
export function referenceModel(yamlText: string, catalogue: readonly Operation[]): ReferenceModel {
  const roles = (parse(yamlText) as { roles: Record<string, RoleText> }).roles;
  const memo = new Map<string, Set<string>>();
  const rightsOf = (name: string): Set<string> => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const role = roles[name] ?? {};
    const rights = new Set<string>();
    for (const included of role.includes ?? []) for (const id of rightsOf(included)) rights.add(id);
    for (const op of catalogue) if ((role.grants ?? []).some((s) => selects(s, op))) rights.add(op.id);
    for (const op of catalogue) if ((role.deny ?? []).some((s) => selects(s, op))) rights.delete(op.id);
    memo.set(name, rights);
    return rights;
  };
  const roleOfGroup = new Map<string, string>();
  for (const [name, role] of Object.entries(roles)) {
    for (const group of role.bindings?.cognitoGroups ?? []) roleOfGroup.set(group, name);
  }
  const publicOperations = new Set(catalogue.filter((op) => op.public === true).map((op) => op.id));
  const rights = new Map(Object.keys(roles).map((name) => [name, new Set([...rightsOf(name)].filter((id) => !publicOperations.has(id)))]));
  return { rights, roleOfGroup, publicOperations };
}

const unions = new WeakMap<ReferenceModel, Map<string, ReadonlySet<string>>>();

/** The operations a caller holding `roles` may call: the union of their rights (kept per model and role list). */
export function rightsOfRoles(model: ReferenceModel, roles: readonly string[]): ReadonlySet<string> {
  let byRoles = unions.get(model);
  if (byRoles === undefined) unions.set(model, (byRoles = new Map()));
  const key = roles.join('\n');
  let rights = byRoles.get(key);
  if (rights === undefined) byRoles.set(key, (rights = new Set(roles.flatMap((role) => [...(model.rights.get(role) ?? [])]))));
  return rights;
}

/** The operations a user in Cognito `groups` may call (unknown groups grant nothing). */
export function rightsOfGroups(model: ReferenceModel, groups: readonly string[]): ReadonlySet<string> {
  return rightsOfRoles(model, groups.flatMap((group) => model.roleOfGroup.get(group) ?? []));
}
