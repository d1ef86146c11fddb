// fast-check generators of requests for the properties (parity, the authorizer's cache contract): catalogue routes
// filled with random values, and near misses and adversarial spellings of them. Templates are filled in by the
// reference's reading of them (test/reference/fill-template.ts).
import type { Operation } from '@mlflow-authz/core';
import { CATALOGUE, COOKIE_METHODS, COOKIE_OPERATIONS } from '@mlflow-authz/core';
import fc from 'fast-check';
import type { ParamKind } from '../reference/fill-template.js';
import { fillTemplate } from '../reference/fill-template.js';
import type { Request } from './decision.js';


const ALL_ROUTES = CATALOGUE.flatMap((op: Operation) => op.routes.map((route) => ({ route })));
// The browser surface (not `/api/`) is what this authorizer guards: three in four routes come from it.
const BROWSER_ROUTES = ALL_ROUTES.filter(({ route }) => !route.path.startsWith('/api/'));
const ROUTES = [...BROWSER_ROUTES, ...BROWSER_ROUTES, ...BROWSER_ROUTES, ...ALL_ROUTES];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

// Pieces of parameter values: plain text, characters IAM globs or MLflow treat specially, percent-escapes of
// every class (reserved, unreserved, separators, dots, control, UTF-8), and non-ASCII text.
const VALUE_PIECE = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) },
  { weight: 2, arbitrary: fc.constantFrom('.', '..', '~', ':', '@', '*', '?', '+', ',', ';', '=', '!', '$', "'", '(', ')', '&') },
  { weight: 2, arbitrary: fc.constantFrom('%20', '%3A', '%40', '%2A', '%3F', '%C3%A9', '%E6%97%A5', '%25', '%2B', '%23') },
  { weight: 1, arbitrary: fc.constantFrom('%2F', '%2f', '%5C', '%2E', '%2e', '%00', '%1F', '%7F', '%41', '%61', '%7E', '%5F', '%2D', '%zz', '%') },
  { weight: 1, arbitrary: fc.constantFrom('é', '日本', ' ', '\\', '\t') },
  // Words of literal route segments, so that a parameter value spells another route (a tag named `records`).
  { weight: 1, arbitrary: fc.constantFrom('records', 'tags', 'get', 'search', 'delete', 'artifacts') },
);
const SEGMENT_VALUE = fc.array(VALUE_PIECE, { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join(''));
const PATH_VALUE = fc.array(SEGMENT_VALUE, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));

function valueFor(converter: ParamKind, segment: string, path: string, int: number): string {
  return converter === 'path' ? path : converter === 'int' ? String(int) : segment;
}

/** A catalogue route, its parameters filled with random (often unusual) values, with the route's method or another. */
export const catalogueRequest: fc.Arbitrary<Request> = fc
  .record({
    index: fc.nat({ max: ROUTES.length - 1 }),
    segment: SEGMENT_VALUE,
    path: PATH_VALUE,
    int: fc.nat({ max: 99999 }),
    otherMethod: fc.option(fc.constantFrom(...METHODS), { freq: 4 }),
  })
  .map(({ index, segment, path, int, otherMethod }) => {
    const { route } = ROUTES[index] as (typeof ROUTES)[number];
    return { method: otherMethod ?? route.method, path: fillTemplate(route, (_name, kind) => valueFor(kind, segment, path, int)) };
  });

/** A catalogue route with plain values, as the UI sends it. */
export const plainCatalogueRequest: fc.Arbitrary<Request> = fc
  .record({ index: fc.nat({ max: ROUTES.length - 1 }), value: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), head: fc.boolean() })
  .map(({ index, value, head }) => {
    const { route } = ROUTES[index] as (typeof ROUTES)[number];
    const method = head && route.method === 'GET' ? 'HEAD' : route.method;
    return { method, path: fillTemplate(route, (_name, kind) => (kind === 'int' ? '42' : value)) };
  });

type Mutation = (path: string, position: number, extra: string) => string;

// Near misses of a route: one edit away from a path the catalogue serves.
const MUTATIONS: readonly Mutation[] = [
  (p) => `${p}/`,
  (p, _i, x) => `${p}/${x}`,
  (p) => p.slice(0, Math.max(1, p.lastIndexOf('/'))),
  (p, i) => insertAt(p, slashAfter(p, i), '/'),
  (p, i) => insertAt(p, slashAfter(p, i), '/.'),
  (p, i) => insertAt(p, slashAfter(p, i), '/..'),
  (p, i, x) => insertAt(p, slashAfter(p, i), `/${x}/..`),
  (p, i) => insertAt(p, slashAfter(p, i), '\\'),
  (p, i) => escapeCharAt(p, i, false),
  (p, i) => escapeCharAt(p, i, true),
  (p, i) => swapCaseAt(p, i),
  (p) => p.replace(/^\/ajax-api\//, '/api/'),
  (p) => p.replace(/^\/api\//, '/ajax-api/'),
  (p) => p.replace(/\/2\.0\//, '/3.0/'),
  (p) => p.replace(/\//g, '%2F').replace(/^%2F/, '/'),
  (p, i) => insertAt(p, slashAfter(p, i), '/%2e%2e'),
  (p, i, x) => insertAt(p, i % (p.length + 1), x),
  (p) => `/static-files/..${p}`,
  (p) => `${p}%00`,
  (p) => `${p}?x=1`,
];

function insertAt(path: string, index: number, text: string): string {
  return path.slice(0, index) + text + path.slice(index);
}

function slashAfter(path: string, position: number): number {
  const slashes = [...path.matchAll(/\//g)].map((m) => m.index);
  return slashes.length === 0 ? path.length : (slashes[position % slashes.length] as number);
}

// Spells one character of the path as a percent-escape (upper or lower hex): `%73earch`, `%2F`, `%2e`.
function escapeCharAt(path: string, position: number, lower: boolean): string {
  const i = 1 + (position % Math.max(1, path.length - 1));
  const c = path.charCodeAt(i);
  if (Number.isNaN(c) || c > 0x7e) return path;
  const hex = c.toString(16).padStart(2, '0');
  return `${path.slice(0, i)}%${lower ? hex.toLowerCase() : hex.toUpperCase()}${path.slice(i + 1)}`;
}

function swapCaseAt(path: string, position: number): string {
  const i = position % path.length;
  const c = path[i] as string;
  const swapped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return path.slice(0, i) + swapped + path.slice(i + 1);
}

/** A near miss or adversarial spelling of a catalogue route (one or two edits), with any method. */
export const adversarialRequest: fc.Arbitrary<Request> = fc
  .record({
    base: plainCatalogueRequest,
    edits: fc.array(fc.record({ which: fc.nat({ max: MUTATIONS.length - 1 }), position: fc.nat({ max: 200 }), extra: fc.constantFrom('x', 'search', 'get', '.', '*', '%41') }), { minLength: 1, maxLength: 2 }),
    method: fc.option(fc.constantFrom(...METHODS), { freq: 3 }),
  })
  .map(({ base, edits, method }) => {
    const path = edits.reduce((p, e) => (MUTATIONS[e.which] as Mutation)(p, e.position, e.extra), base.path);
    // API Gateway's path always starts with `/`; an edit at position 0 must not change that.
    return { method: method ?? base.method, path: path.startsWith('/') ? path : `/${path}` };
  });

/** Any request the property should consider: mostly catalogue routes, often near misses. */
export const anyRequest: fc.Arbitrary<Request> = fc.oneof(
  { weight: 3, arbitrary: plainCatalogueRequest },
  { weight: 3, arbitrary: catalogueRequest },
  { weight: 4, arbitrary: adversarialRequest },
);

const COOKIE_ROUTES = CATALOGUE.filter((op) => COOKIE_OPERATIONS.has(op.id)).flatMap((op) => op.routes.filter((r) => COOKIE_METHODS.has(r.method)));

/** A GET or HEAD of one of the artifact reads that take the token cookie, with random values (often unusual). */
export const cookieReadRequest: fc.Arbitrary<Request> = fc
  .record({ index: fc.nat({ max: COOKIE_ROUTES.length - 1 }), segment: SEGMENT_VALUE, path: PATH_VALUE, head: fc.boolean() })
  .map(({ index, segment, path, head }) => {
    const route = COOKIE_ROUTES[index] as (typeof COOKIE_ROUTES)[number];
    return { method: head ? 'HEAD' : route.method, path: fillTemplate(route, (_name, kind) => valueFor(kind, segment, path, 7)) };
  });
