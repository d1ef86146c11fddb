import type { Operation } from '../catalogue/types.js';
import type { ParsedTemplate } from '../router/template.js';
import { isLiteralSegment, literalText, parseTemplate, TemplateSyntaxError } from '../router/template.js';
import type { DumpedRoute, RouteDump } from './route-dump.js';

/** How a served route table differs from the catalogue. Only `unclassified` and `misordered` are failures. */
export interface RouteDrift {
  readonly versionMismatch?: { readonly served: string; readonly pinned: string };
  /** Served routes the catalogue has no operation for: requests to them would be denied until classified. */
  readonly unclassified: readonly DumpedRoute[];
  /** FastAPI routes that can compete for a request but are served in another order than the catalogue lists. */
  readonly misordered: readonly string[];
  /** Catalogue routes the server does not serve (other MLflow versions, flags, the basic-auth app). */
  readonly notServed: readonly string[];
}

/** Compares a route dump of a real `mlflow server` with the catalogue. */
export function compareRoutes(dump: RouteDump, catalogue: readonly Operation[], pinnedVersion: string): RouteDrift {
  const catalogued = new Map<string, number>();
  catalogue.forEach((op) => op.routes.forEach((route) => catalogued.set(routeKey(route.engine, route.method, route.path), 0)));
  let fastapiOrder = 0;
  const catalogueOrder = new Map<string, number>();
  for (const op of catalogue) {
    for (const route of op.routes) {
      if (route.engine === 'fastapi') catalogueOrder.set(routeKey('fastapi', route.method, route.path), fastapiOrder++);
    }
  }

  const unclassified: DumpedRoute[] = [];
  const servedFastapi: { key: string; template: ParsedTemplate }[] = [];
  const served = new Set<string>();
  for (const route of dump.routes) {
    if (route.method === null) {
      // The Flask app is mounted at the root; any other mount would be a surface the catalogue knows nothing of.
      if (route.engine === 'fastapi' && (route.path === '' || route.path === '/')) continue;
      unclassified.push(route);
      continue;
    }
    const key = routeKey(route.engine, route.method, route.path);
    served.add(key);
    if (!catalogued.has(key)) unclassified.push(route);
    else if (route.engine === 'fastapi') servedFastapi.push({ key, template: parseTemplate(route.path, 'fastapi') });
  }

  const misordered: string[] = [];
  for (let i = 0; i < servedFastapi.length; i++) {
    for (let j = i + 1; j < servedFastapi.length; j++) {
      const [a, b] = [servedFastapi[i], servedFastapi[j]] as [(typeof servedFastapi)[number], (typeof servedFastapi)[number]];
      if (!competing(a.template, b.template)) continue;
      if ((catalogueOrder.get(a.key) as number) > (catalogueOrder.get(b.key) as number)) {
        misordered.push(`${a.key} is served before ${b.key}`);
      }
    }
  }

  const notServed = [...catalogued.keys()].filter((key) => !served.has(key));
  const versionMismatch =
    dump.mlflow_version === pinnedVersion ? undefined : { served: dump.mlflow_version, pinned: pinnedVersion };
  return { ...(versionMismatch && { versionMismatch }), unclassified, misordered, notServed };
}

/** Engine, method and template with parameter names erased, so `<path:a>` and `<path:b>` compare equal. */
function routeKey(engine: string, method: string, path: string): string {
  try {
    const template = parseTemplate(path, engine === 'fastapi' ? 'fastapi' : 'flask');
    const shape = template.segments
      .map((pieces) => pieces.map((p) => (p.kind === 'text' ? p.text : `{${p.converter}}`)).join(''))
      .join('/');
    return `${engine} ${method} /${shape}`;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return `${engine} ${method} ${path} (unparsed)`;
    throw error;
  }
}

/** Two FastAPI routes can both be tried for one request only if one's literal prefix is a prefix of the other's. */
function competing(a: ParsedTemplate, b: ParsedTemplate): boolean {
  const [pa, pb] = [literalSegments(a), literalSegments(b)];
  const n = Math.min(pa.length, pb.length);
  return pa.slice(0, n).every((segment, i) => segment === pb[i]);
}

function literalSegments(template: ParsedTemplate): string[] {
  const segments: string[] = [];
  for (const pieces of template.segments) {
    if (!isLiteralSegment(pieces)) break;
    segments.push(literalText(pieces));
  }
  return segments;
}
