import type { RouteSpec } from '../catalogue/types.js';
import { isUnreserved } from '../router/request-path.js';
import type { ParsedTemplate } from '../router/template.js';
import { parseTemplate } from '../router/template.js';

const PARSED = new WeakMap<RouteSpec, ParsedTemplate>();

/** A catalogue route's template, parsed once (the builder asks for the same routes' templates many times). */
export function parsedRoute(route: RouteSpec): ParsedTemplate {
  let parsed = PARSED.get(route);
  if (parsed === undefined) {
    parsed = parseTemplate(route.path, route.engine);
    PARSED.set(route, parsed);
  }
  return parsed;
}

/**
 * The glob that matches every canonical request for a route: `METHOD` + its path with each parameter as `*`.
 * A literal character a client may also send escaped (anything but unreserved characters, e.g. the `:` of
 * `{name}:generateContent`) becomes `*` too, so that both spellings are allowed.
 */
export function routeGlob(method: string, route: RouteSpec): string {
  const template = parsedRoute(route);
  const path = template.segments
    .map((pieces) => pieces.map((p) => (p.kind === 'param' ? '*' : [...p.text].map((c) => (isUnreserved(c) ? c : '*')).join(''))).join(''))
    .join('/');
  return `${method}/${path}`.replace(/\*+/g, '*');
}

/** The leading segments of a route's template that are literal text, as written. */
export function literalSegments(route: RouteSpec): string[] {
  const segments: string[] = [];
  for (const pieces of parsedRoute(route).segments) {
    if (!pieces.every((p) => p.kind === 'text')) break;
    segments.push(pieces.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
  }
  return segments;
}

/** A concrete path of the route with every parameter `x`: a canonical request it certainly serves. */
export function sampleInstance(route: RouteSpec): string {
  return (
    '/' +
    parsedRoute(route)
      .segments.map((pieces) => pieces.map((p) => (p.kind === 'param' ? 'x' : p.text)).join(''))
      .join('/')
  );
}
