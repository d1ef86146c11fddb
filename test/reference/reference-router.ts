// An independent, deliberately simple reading of how `mlflow server` dispatches a request, for the parity
// proofs. It shares only the catalogue data with authz-core: no code of its router. Where authz-core walks a
// state machine, this one tests every route and ranks the matches.
import type { Operation, RouteSpec } from '@mlflow-authz/core';

interface CompiledRoute {
  readonly operation: string;
  readonly method: string;
  readonly engine: 'flask' | 'fastapi';
  readonly order: number;
  /** One entry per template segment; a `<path:>`/`{x:path}` entry swallows the rest of the path. */
  readonly segments: readonly SegmentMatcher[];
}

/** A literal segment, one dynamic segment, or a part that takes the rest of the path; with Werkzeug's weight. */
type SegmentMatcher =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'dynamic' | 'rest'; readonly regex: RegExp; readonly weight: readonly number[] };

const UNRESERVED = /^[A-Za-z0-9._~-]$/;
/** The methods MLflow's routes take (OPTIONS and others route nowhere). */
const ROUTED_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The operation MLflow runs for this request, or null (no route, or a path the gateway must refuse). With
 * `decodeUnreserved`, escapes of unreserved characters (`%73`), which clients never send, are decoded as
 * MLflow decodes them instead of refused: what MLflow itself would run.
 */
export function referenceRoute(
  catalogue: readonly Operation[],
  method: string,
  rawPath: string,
  options: { readonly decodeUnreserved?: boolean } = {},
): string | null {
  // The proofs ask about the same requests many times (per role, per enforcement point): answers are remembered,
  // by path first (the proofs reuse path strings, whose hashes are kept), then method and decoding.
  let answers = ANSWERS.get(catalogue);
  if (answers === undefined || answers.size > 200_000) ANSWERS.set(catalogue, (answers = new Map()));
  let byPath = answers.get(rawPath);
  if (byPath === undefined) answers.set(rawPath, (byPath = new Map()));
  const key = options.decodeUnreserved === true ? `u${method}` : method;
  let answer = byPath.get(key);
  if (answer === undefined) {
    answer = route(catalogue, method, rawPath, options.decodeUnreserved ?? false);
    byPath.set(key, answer);
  }
  return answer;
}

const ANSWERS = new WeakMap<readonly Operation[], Map<string, Map<string, string | null>>>();

function route(catalogue: readonly Operation[], method: string, rawPath: string, decodeUnreserved: boolean): string | null {
  const segments = decodePath(rawPath, decodeUnreserved);
  if (segments === null || !ROUTED_METHODS.includes(method)) return null;
  const routes = routesFor(catalogue, method);
  // FastAPI first: the first route in registration order whose pattern and method match.
  const fastapi = routes.fastapi.find((r) => matches(r, segments) !== null);
  if (fastapi !== undefined) return fastapi.operation;
  // Then Flask: among all matching rules for the method (GET rules answer HEAD), the one Werkzeug's search reaches first.
  let best: { route: CompiledRoute; rank: number[][] } | undefined;
  for (const route of routes.flask) {
    const rank = matches(route, segments);
    if (rank !== null && (best === undefined || compareRanks(rank, best.rank) < 0)) best = { route, rank };
  }
  return best?.route.operation ?? null;
}

/** Splits and decodes a raw path; null for everything the gateway must refuse. */
function decodePath(raw: string, decodeUnreserved: boolean): string[] | null {
  if (!raw.startsWith('/') || new TextEncoder().encode(raw).length > 1600) return null;
  const parts = raw.slice(1).split('/');
  const decoded: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '' && i < parts.length - 1) return null;
    if (part === '.' || part === '..') return null;
    for (const c of part) {
      const code = c.codePointAt(0) as number;
      if (code < 0x20 || code === 0x7f || c === '\\' || c === '?' || c === '#') return null;
    }
    const escapes = [...part.matchAll(/%(..)?/g)];
    for (const e of escapes) {
      if (e[1] === undefined || !/^[0-9A-Fa-f]{2}$/.test(e[1])) return null;
      const char = String.fromCharCode(parseInt(e[1], 16));
      const byte = parseInt(e[1], 16);
      if (byte < 0x80 && (char === '/' || char === '\\' || byte < 0x20 || byte === 0x7f)) return null;
      if (byte < 0x80 && UNRESERVED.test(char) && (char === '.' || !decodeUnreserved)) return null;
    }
    try {
      decoded.push(decodeURIComponent(part));
    } catch {
      return null;
    }
  }
  return decoded;
}

/** The routes a request with this method may take, by engine, in registration order. */
interface MethodRoutes {
  readonly fastapi: readonly CompiledRoute[];
  readonly flask: readonly CompiledRoute[];
}

const cache = new WeakMap<readonly Operation[], Map<string, MethodRoutes>>();
// Only a lookup: the routes of every method are compiled once, then filtered once per method.
function routesFor(catalogue: readonly Operation[], method: string): MethodRoutes {
  let byMethod = cache.get(catalogue);
  if (byMethod === undefined) {
    let order = 0;
    const all = catalogue.flatMap((op) => op.routes.map((route) => compile(op.id, route, order++)));
    byMethod = new Map(
      ROUTED_METHODS.map((m) => [
        m,
        {
          fastapi: all.filter((r) => r.engine === 'fastapi' && r.method === m),
          flask: all.filter((r) => r.engine === 'flask' && (r.method === m || (m === 'HEAD' && r.method === 'GET'))),
        },
      ]),
    );
    cache.set(catalogue, byMethod);
  }
  return byMethod.get(method) as MethodRoutes;
}

function compile(operation: string, route: RouteSpec, order: number): CompiledRoute {
  const param = route.engine === 'flask' ? /<(?:(\w+):)?(\w+)>/g : /\{(\w+)(?::(\w+))?\}/g;
  const converterOf = (m: RegExpMatchArray) => (route.engine === 'flask' ? (m[1] ?? 'default') : (m[2] ?? 'str'));
  const isRest = (converter: string) => converter === 'path';
  const regexFor = (converter: string) =>
    route.engine === 'flask' ? (isRest(converter) ? '[^/].*?' : '[^/]+') : isRest(converter) ? '.*' : '[^/]+';
  const texts = route.path.slice(1).split('/');
  const segments: SegmentMatcher[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const params = [...text.matchAll(param)];
    if (params.length === 0) {
      segments.push({ kind: 'static', text });
      continue;
    }
    const takesRest = params.some((m) => isRest(converterOf(m)));
    const part = takesRest ? texts.slice(i).join('/') : text;
    segments.push({
      kind: takesRest ? 'rest' : 'dynamic',
      regex: new RegExp(`^${toRegex(part, param, (m) => regexFor(converterOf(m)))}$`, 's'),
      weight: werkzeugWeight(part, param, (m) => (isRest(converterOf(m)) ? 200 : converterOf(m) === 'int' ? 50 : 100)),
    });
    if (takesRest) break;
  }
  return { operation, method: route.method, engine: route.engine, order, segments };
}

/** Werkzeug's Weighting(-#statics, [(ordinal, -length)…], -#converters, [weights…]) of a part, flattened. */
function werkzeugWeight(part: string, param: RegExp, weightOf: (m: RegExpMatchArray) => number): number[] {
  const statics = part
    .split('/')
    .flatMap((segment) => segment.split(param).filter((piece, k) => k % 3 === 0 && piece !== ''));
  const converters = [...part.matchAll(param)].map(weightOf);
  return [-statics.length, ...statics.flatMap((piece, k) => [k, -piece.length]), -converters.length, ...converters];
}

function toRegex(template: string, param: RegExp, regexOf: (m: RegExpMatchArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(param)) {
    out += escape(template.slice(last, m.index)) + `(${regexOf(m)})`;
    last = (m.index as number) + m[0].length;
  }
  return out + escape(template.slice(last));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Null if the route does not match; otherwise its rank in Werkzeug's depth-first search: per segment [0] for a
 * literal, [1, …weight] for a dynamic part or a part that takes the rest, then the registration order.
 * Lexicographically smaller is reached first; FastAPI routes only need the match.
 */
function matches(route: CompiledRoute, segments: readonly string[]): number[][] | null {
  const rank: number[][] = [];
  for (let i = 0; i < route.segments.length; i++) {
    const matcher = route.segments[i] as SegmentMatcher;
    if (matcher.kind === 'rest') {
      // The rest starts after a `/`, so the path needs at least an (empty) segment here.
      if (i >= segments.length || !matcher.regex.test(segments.slice(i).join('/'))) return null;
      return [...rank, [1, ...matcher.weight], [route.order]];
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (matcher.kind === 'static') {
      if (segment !== matcher.text) return null;
      rank.push([0]);
    } else {
      if (!matcher.regex.test(segment)) return null;
      rank.push([1, ...matcher.weight]);
    }
  }
  return segments.length === route.segments.length ? [...rank, [route.order]] : null;
}

function compareRanks(a: number[][], b: number[][]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i] as number[], b[i] as number[]];
    for (let j = 0; j < Math.min(x.length, y.length); j++) if (x[j] !== y[j]) return (x[j] as number) - (y[j] as number);
    if (x.length !== y.length) return x.length - y.length;
  }
  return a.length - b.length;
}
