import { CATALOGUE, parseTemplate, pathOnSurface } from '@mlflow-authz/core';

/**
 * An API Gateway resource path (`/a/{id}/b`, `/x/{proxy+}`) with the methods defined on it, matched the way
 * API Gateway matches resources: literal segments exactly, `{name}` one segment, `{name+}` one or more.
 */
export interface ApiResource {
  readonly path: string;
  readonly methods: ReadonlySet<string>;
}

/** True when `method rawPath` (stage removed) reaches `resource`. */
export function resourceMatches(resource: ApiResource, method: string, rawPath: string): boolean {
  if (!resource.methods.has(method)) return false;
  const want = resource.path.split('/').slice(1);
  const have = rawPath.split('/').slice(1);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    if (segment.startsWith('{') && segment.endsWith('+}')) return have.length > i && have.slice(i).join('/') !== '';
    if (i >= have.length) return false;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (have[i] === '') return false;
    } else if (segment !== have[i]) return false;
  }
  return want.length === have.length;
}

/** True when some resource matches. */
export function anyResourceMatches(resources: readonly ApiResource[], method: string, rawPath: string): boolean {
  return resources.some((r) => resourceMatches(r, method, rawPath));
}

/** The API Gateway resource path of a catalogue route template (`<path:x>`/`{x:path}` → `{x+}`, `<x>` → `{x}`). */
export function resourcePathOf(template: string, engine: 'flask' | 'fastapi'): string {
  const parsed = parseTemplate(template, engine);
  return (
    '/' +
    parsed.segments
      .map((pieces) => {
        const param = pieces.find((p) => p.kind === 'param');
        if (param === undefined) return pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
        if (pieces.length > 1) throw new Error(`route ${template}: a segment mixing text and a parameter has no API Gateway resource`);
        return param.converter === 'path' ? `{${param.name}+}` : `{${param.name}}`;
      })
      .join('/')
  );
}

/**
 * The resources of the browser-surface routes of `operations`, for `methods`: e.g. the four cookie operations'
 * `/get-artifact`, `/ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path+}`, …
 */
export function browserResourcesOf(operations: ReadonlySet<string>, methods: readonly string[]): ApiResource[] {
  const paths = new Set<string>();
  for (const operation of CATALOGUE) {
    if (!operations.has(operation.id)) continue;
    for (const route of operation.routes) if (pathOnSurface(route.path, 'browser')) paths.add(resourcePathOf(route.path, route.engine));
  }
  return [...paths].sort().map((path) => ({ path, methods: new Set(methods) }));
}
