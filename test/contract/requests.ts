// Concrete requests for the proofs: every catalogue route with sample parameter values chosen to collide with other
// routes, plus spellings the contract names (malformed, escaped literals, trailing slash). Paths are filled in by
// the reference's reading of the route templates (test/reference/fill-template.ts), not authz-core's.
import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE } from '@mlflow-authz/core';
import { fillTemplate } from '../reference/fill-template.js';
import { referenceRoute } from '../reference/reference-router.js';

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

/** Every route of the catalogue with plain values: `v-NAME` for a segment, `d-NAME/f.txt` for a path, `7` for an int. */
export function plainInstances(catalogue: readonly Operation[]): string[] {
  return [...new Set(catalogue.flatMap((op) => op.routes.map((route) => fillTemplate(route, (name, kind) => (kind === 'path' ? `d-${name}/f.txt` : kind === 'int' ? '7' : `v-${name}`)))))];
}

/**
 * The trailing-slash class: each of `paths` with a slash appended where MLflow runs something else for it than for
 * the path as it is (API Gateway hands MLflow the path without that slash), for some method.
 */
export function trailingSlashSpellings(paths: readonly string[], methods: readonly string[] = METHODS): string[] {
  return paths.filter((p) => !p.endsWith('/') && methods.some((method) => referenceRoute(CATALOGUE, method, `${p}/`) !== null && referenceRoute(CATALOGUE, method, `${p}/`) !== referenceRoute(CATALOGUE, method, p))).map((p) => `${p}/`);
}

/** Every route of the catalogue instantiated with each sample value (one parameter varied at a time). */
export function routeInstances(catalogue: readonly Operation[]): string[] {
  const literals = literalsByPosition(catalogue);
  const base = (name: string, kind: string): string => (kind === 'path' ? 'd/f.txt' : `v-${name}`);
  const paths = new Set<string>();
  for (const op of catalogue) {
    for (const route of op.routes) {
      const params: { name: string; kind: string; position: number }[] = [];
      paths.add(
        fillTemplate(route, (name, kind, position) => {
          params.push({ name, kind, position });
          return base(name, kind);
        }),
      );
      for (const param of params) {
        const values = param.kind === 'path' ? PATH_VALUES : [...SEGMENT_VALUES, ...(literals.get(param.position) ?? [])];
        for (const value of values) paths.add(fillTemplate(route, (name, kind) => (name === param.name ? value : base(name, kind))));
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
