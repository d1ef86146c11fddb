import type { z } from 'zod';
import type { PathKey } from './diagnostics.js';
import { PermissionsFileSchema } from './schema.js';

// What the schema says about a place in permissions.yaml, read from the zod schema itself so that error messages
// (valid keys, where a misplaced key belongs, what a key is for) never drift from what the parser accepts.

/** A map key's name as it appears in a location template: `<role>` stands for any role name. */
export const ANY_ROLE = '<role>';

type Node = z.core.$ZodType;

function def(node: Node): z.core.$ZodTypeDef & Record<string, unknown> {
  return node._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
}

/** The schema node without its default/optional wrappers. */
function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    const d = def(current);
    if ((d.type === 'default' || d.type === 'optional' || d.type === 'nullable') && d.innerType !== undefined) current = d.innerType as Node;
    else return current;
  }
}

/** The schema node at a document path, or undefined when the path leaves the schema. */
function nodeAt(path: readonly PathKey[]): Node | undefined {
  let node: Node | undefined = PermissionsFileSchema;
  for (const key of path) {
    if (node === undefined) return undefined;
    const d = def(unwrap(node));
    if (d.type === 'object') node = (d.shape as Record<string, Node>)[String(key)];
    else if (d.type === 'record') node = d.valueType as Node;
    else if (d.type === 'array' && typeof key === 'number') node = d.element as Node;
    else return undefined;
  }
  return node;
}

/** The keys a map at `path` accepts, in schema order; empty when it is not a fixed-key map. */
export function keysAt(path: readonly PathKey[]): string[] {
  const node = nodeAt(path);
  if (node === undefined) return [];
  const d = def(unwrap(node));
  return d.type === 'object' ? Object.keys(d.shape as Record<string, Node>) : [];
}

/** What a map at `path` is, for messages: `a role`, `bindings`, `settings`, `the file`. */
export function placeName(path: readonly PathKey[]): string {
  if (path.length === 0) return 'the top level of the file';
  if (path.length === 2 && path[0] === 'roles') return 'a role';
  return String(path[path.length - 1]);
}

/** Whether the key at `path` may be left out (it has a default). */
export function isOptionalKey(path: readonly PathKey[]): boolean {
  const node = nodeAt(path);
  return node !== undefined && ['default', 'optional'].includes(def(node).type);
}

/** The schema's one-line description of the key at `path`, if it has one. */
export function describeKey(path: readonly PathKey[]): string | undefined {
  const node = nodeAt(path);
  return node === undefined ? undefined : ((node as unknown as { description?: string }).description ?? (unwrap(node) as unknown as { description?: string }).description);
}

/** Every place a key name is valid, as location templates (`roles.<role>.bindings`), parents first. */
export function homesOf(key: string): (readonly string[])[] {
  const homes: string[][] = [];
  const walk = (node: Node, at: string[]): void => {
    const d = def(unwrap(node));
    if (d.type === 'object') {
      for (const [name, child] of Object.entries(d.shape as Record<string, Node>)) {
        if (name === key) homes.push(at);
        walk(child, [...at, name]);
      }
    } else if (d.type === 'record') walk(d.valueType as Node, [...at, ANY_ROLE]);
  };
  walk(PermissionsFileSchema, []);
  return homes;
}

/**
 * Words people write for a key of permissions.yaml (normalized: lower case, no separators) → the key. The
 * file's own header speaks of "denies"; other tools say allow, inherits, members.
 */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  denies: 'deny',
  denied: 'deny',
  denylist: 'deny',
  exclude: 'deny',
  excludes: 'deny',
  except: 'deny',
  allow: 'grants',
  allows: 'grants',
  permissions: 'grants',
  operations: 'grants',
  inherits: 'includes',
  extends: 'includes',
  members: 'bindings',
  groups: 'cognitoGroups',
  cognito: 'cognitoGroups',
  profiles: 'sagemakerUserProfiles',
  userprofiles: 'sagemakerUserProfiles',
  principals: 'iamPrincipals',
  iamroles: 'iamPrincipals',
  stage: 'apiStageName',
  stagename: 'apiStageName',
  ignore: 'ignoreWarnings',
  warnings: 'ignoreWarnings',
};
