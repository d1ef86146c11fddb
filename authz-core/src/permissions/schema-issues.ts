import type { z } from 'zod';
import type { Diagnostic, Locator, PathKey } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import { ANY_ROLE, describeKey, homesOf, isOptionalKey, KEY_ALIASES, keysAt, placeName } from './schema-shape.js';
import { suggestion } from './suggest.js';

/**
 * Turns the schema's findings into messages a user can act on: unknown keys with the valid ones and a near match,
 * a key indented one level off with where it belongs, missing keys with what they are for. `raw` is the parsed
 * YAML the schema rejected.
 */
export function schemaDiagnostics(issues: readonly z.core.$ZodIssue[], raw: unknown, locator: Locator): Diagnostic[] {
  const misplaced = misplacedRoleKeys(raw, locator);
  const under = (path: readonly PathKey[]) => path[0] === 'roles' && misplaced.has(String(path[1]));
  const diagnostics = [...misplaced.values()];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k === 'string' || typeof k === 'number');
    if (under(path)) continue;
    diagnostics.push(...describeIssue(issue, path, raw, locator));
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

function describeIssue(issue: z.core.$ZodIssue, path: PathKey[], raw: unknown, locator: Locator): Diagnostic[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => locator.at([...path, key], unknownKey(key, path, valueAt(raw, [...path, key])), { atKey: true }));
    case 'invalid_key':
      return [locator.at(path, `invalid name: ${issue.issues.map((i) => i.message).join('; ')}`, { atKey: true })];
    case 'invalid_type':
      return [locator.at(path, wrongType(issue.expected, path, raw))];
    case 'invalid_value':
      return [locator.at(path, wrongValue(issue.values, valueAt(raw, path)))];
    default:
      return [locator.at(path, issue.message)];
  }
}

/** `unknown key "denies" (did you mean "deny"?); a role takes description, includes, …` or where the key belongs. */
function unknownKey(key: string, path: readonly PathKey[], value: unknown): string {
  const head = `unknown key ${JSON.stringify(key)}`;
  const valid = keysAt(path);
  const near = suggestion(key, valid, KEY_ALIASES);
  if (near !== '') return `${head}${near}; ${placeName(path)} takes ${valid.join(', ')}`;
  const home = homesOf(key).find((h) => h.length !== path.length || h.some((k, i) => k !== ANY_ROLE && k !== path[i]));
  if (home !== undefined) return `${head} in ${placeName(path)}: ${key} belongs in ${whereIn(home, path)}`;
  if (path.length === 0 && looksLikeRole(value)) return `${head}: it looks like a role; indent it one level more, under roles:`;
  return valid.length === 0 ? head : `${head}; ${placeName(path)} takes ${valid.join(', ')}`;
}

/** `roles.readers.bindings: indent it one level more, under bindings:` for a home near `path`. */
function whereIn(home: readonly string[], path: readonly PathKey[]): string {
  const concrete = home.map((k, i) => (k === ANY_ROLE && path[0] === 'roles' && i === 1 && path.length > 1 ? String(path[1]) : k));
  const shown = concrete.length === 0 ? 'the top level' : formatPath(concrete);
  const samePrefix = (n: number) => concrete.slice(0, n).every((k, i) => k === String(path[i]));
  if (concrete.length === path.length + 1 && samePrefix(path.length)) return `${shown}: indent it one level more, under ${concrete.at(-1)}:`;
  if (concrete.length === path.length - 1 && samePrefix(concrete.length)) return `${shown}: indent it one level less`;
  return shown;
}

/** The message for a value of the wrong type, or for a required key that is missing. */
function wrongType(expected: string, path: readonly PathKey[], raw: unknown): string {
  const value = valueAt(raw, path);
  const key = String(path.at(-1));
  if (value === undefined) {
    const what = describeKey(path);
    return `missing: ${placeName(path.slice(0, -1))} needs ${JSON.stringify(key)}${what === undefined ? '' : ` (${what.replace(/\.$/, '')})`}`;
  }
  if (value === null && (expected === 'object' || expected === 'record')) {
    const keys = keysAt(path);
    // A file that is empty (or holds only comments) parses to null at the top level, where there is no key.
    if (path.length === 0) return `the file is empty: it needs ${keys.join(', ')} (see the README's "Writing roles")`;
    const inside = keys.length > 0 ? `its keys (${keys.join(', ')})` : 'its entries';
    return `"${key}:" has nothing under it: indent ${inside} under it${isOptionalKey(path) ? ', or remove the line' : ''}`;
  }
  const got = kindOf(value);
  if (expected === 'array' && typeof value === 'string') {
    return `expected a list, got a string: write [${value}] or one "- ${value}" line per entry`;
  }
  return `expected ${EXPECTED[expected] ?? expected}, got ${got}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a map of keys',
  record: 'a map of names',
  array: 'a list',
  string: 'a string',
  number: 'a number',
};

function wrongValue(values: readonly unknown[], value: unknown): string {
  const options = values.map((v) => JSON.stringify(v));
  const near = typeof value === 'string' ? suggestion(value, values.filter((v): v is string => typeof v === 'string')) : '';
  const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
  return options.length === 1 ? `expected ${options[0]}, got${shown || ' nothing'}` : `unknown value${shown}${near}; one of ${options.join(', ')}`;
}

/**
 * Role-level keys (`bindings:`, `grants:` …) written one level too far left, where they become role names: one
 * message each that says where they belong; the schema's findings beneath them would only confuse.
 */
function misplacedRoleKeys(raw: unknown, locator: Locator): Map<string, Diagnostic> {
  const found = new Map<string, Diagnostic>();
  const roles = isMap(raw) ? raw.roles : undefined;
  if (!isMap(roles)) return found;
  const roleKeys = new Set(keysAt(['roles', ANY_ROLE]));
  const names = Object.keys(roles);
  names.forEach((name, i) => {
    if (!roleKeys.has(name) || looksLikeRole(roles[name])) return;
    const above = names.slice(0, i).reverse().find((n) => !roleKeys.has(n) || looksLikeRole(roles[n]));
    const where = above === undefined ? 'under the role it belongs to' : `under role ${JSON.stringify(above)} (line ${locator.at(['roles', above], '', { atKey: true }).line})`;
    found.set(
      name,
      locator.at(['roles', name], `"${name}:" is indented as a role name, but ${name} is a key of a role: indent it one level more, ${where}`, { atKey: true, named: false }),
    );
  });
  return found;
}

function looksLikeRole(value: unknown): boolean {
  return isMap(value) && ('description' in value || 'grants' in value || 'includes' in value);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(raw: unknown, path: readonly PathKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isMap(node)) node = node[String(key)];
    else return undefined;
  }
  return node;
}

function kindOf(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}
