// Concrete requests for the soundness tests: every catalogue route with sample parameter values chosen to
// collide with other routes, plus spellings the contract names (malformed, escaped literals, trailing slash).
import type { Operation } from '@mlflow-authz/core';
import { instantiate, parseTemplate } from '@mlflow-authz/core';

/** Every method a request may carry to API Gateway (OPTIONS included: no route answers it). */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const SEGMENT_VALUES = ['v1', 'a%20b', 'x%3Ay', 'a:b', '%2A%3F', '*', '%25', '%C3%A9', '~x', "q'(r)"];
const PATH_VALUES = ['a', 'dir/file.txt', 'x/versions/y', 'n/tags/k', 'n/endpoints/e', 'n/aliases/a', 'n/versions/v/tags/k', '%C3%A9/a%20b', 'a/'];

/** Literal segment texts by position, to use as parameter values that collide with literal routes. */
function literalsByPosition(catalogue: readonly Operation[]): Map<number, Set<string>> {
  const byPosition = new Map<number, Set<string>>();
  for (const op of catalogue) {
    for (const route of op.routes) {
      route.path.split('/').forEach((segment, i) => {
        if (/[<{]/.test(segment) || segment === '') return;
        byPosition.set(i, (byPosition.get(i) ?? new Set()).add(segment));
      });
    }
  }
  return byPosition;
}

/** Every route of the catalogue instantiated with each sample value (one parameter varied at a time). */
export function routeInstances(catalogue: readonly Operation[]): string[] {
  const literals = literalsByPosition(catalogue);
  const paths = new Set<string>();
  for (const op of catalogue) {
    for (const route of op.routes) {
      const template = parseTemplate(route.path, route.engine);
      const params = template.segments.flatMap((pieces, i) => pieces.flatMap((p) => (p.kind === 'param' ? [{ name: p.name, converter: p.converter, position: i + 1 }] : [])));
      const base = (name: string, converter: string): string => (converter === 'path' ? 'd/f.txt' : `v-${name}`);
      paths.add(instantiate(template, base));
      for (const param of params) {
        const values = param.converter === 'path' ? PATH_VALUES : [...SEGMENT_VALUES, ...(literals.get(param.position) ?? [])];
        for (const value of values) paths.add(instantiate(template, (name, converter) => (name === param.name ? value : base(name, converter))));
      }
    }
  }
  return [...paths].sort();
}

/** The path with one literal character of segment `k` escaped (`search` → `%73earch`), or undefined. */
export function escapeLiteralChar(path: string, k: number, j: number): string | undefined {
  const segments = path.split('/');
  const index = 1 + (k % (segments.length - 1));
  const segment = segments[index] as string;
  const letters = [...segment.matchAll(/[A-Za-z0-9_~-]/g)];
  if (letters.length === 0) return undefined;
  const match = letters[j % letters.length] as RegExpMatchArray;
  const c = match[0];
  const hex = (c.charCodeAt(0) as number).toString(16);
  segments[index] = segment.slice(0, match.index) + '%' + (j % 2 === 0 ? hex.toUpperCase() : hex) + segment.slice((match.index as number) + 1);
  return segments.join('/');
}

/**
 * Malformed spellings of a path, one per class the contract lists (each of the guard's sixteen denies), put
 * after its second segment (`/api/2.0` + `//` + `mlflow/…`) so that they stay on the IAM surface (`/api/…`):
 * right after `/api`, most would leave it and never meet an allow.
 */
export function malformedVariants(path: string): string[] {
  const second = path.indexOf('/', 1);
  const third = second === -1 ? -1 : path.indexOf('/', second + 1);
  const cut = third === -1 ? path.length : third;
  const head = path.slice(0, cut);
  const tail = path.slice(cut);
  return [
    `${head}/${tail}`,
    `${head}/.${tail}`,
    `${head}/..${tail}`,
    `${path}/.`,
    `${path}/..`,
    `${head}\\${tail}`,
    `${head}%2F${tail.slice(1)}`,
    `${head}%2f${tail.slice(1)}`,
    `${head}%5C${tail}`,
    `${head}%5c${tail}`,
    `${head}%2E${tail}`,
    `${head}%2e${tail}`,
    `${head}%00${tail}`,
    `${head}%1f${tail}`,
    `${head}%7F${tail}`,
    `${head}%7f${tail}`,
  ];
}

/** How many malformed spellings `malformedVariants` gives for each path. */
export const MALFORMED_CLASSES = malformedVariants('/a/b').length;
