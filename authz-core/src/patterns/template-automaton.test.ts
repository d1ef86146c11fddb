import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue/catalogue.js';
import { Router } from '../router/router.js';
import { instantiate, parseTemplate } from '../router/template.js';
import { routesAnswering } from './method-routes.js';
import { PATH_SHAPE_START, finalShape, stepShape } from './path-shape.js';
import { TemplateAutomaton } from './template-automaton.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const automata = new Map(METHODS.map((m) => [m, new TemplateAutomaton(routesAnswering(CATALOGUE, m))]));
const lenient = new Router(CATALOGUE, { refuseEncodedUnreserved: false });

const instances = CATALOGUE.flatMap((op) =>
  op.routes.map((r) => instantiate(parseTemplate(r.path, r.engine), (name, c) => (c === 'path' ? `d/${name}/versions/x` : `v-${name}`))),
);
const segments = [...new Set(CATALOGUE.flatMap((op) => op.routes.flatMap((r) => r.path.split('/'))))].filter((s) => !/[<{]/.test(s));
const escapeOne = (s: string, i: number): string =>
  s.length === 0 ? s : s.slice(0, i % s.length) + '%' + (s.charCodeAt(i % s.length) as number).toString(16).toUpperCase() + s.slice((i % s.length) + 1);

/** Paths near the catalogue's: instances, swapped or escaped segments, extra or missing segments. */
const nearMiss = fc.oneof(
  fc.constantFrom(...instances),
  fc.tuple(fc.constantFrom(...instances), fc.nat(), fc.constantFrom(...segments, 'x', '', 'a%20b', '%zz', 'é')).map(([p, i, s]) => {
    const parts = p.split('/');
    parts[1 + (i % (parts.length - 1))] = s;
    return parts.join('/');
  }),
  fc.tuple(fc.constantFrom(...instances), fc.nat(), fc.nat()).map(([p, i, j]) => {
    const parts = p.split('/');
    const k = 1 + (i % (parts.length - 1));
    parts[k] = escapeOne(parts[k] as string, j);
    return parts.join('/');
  }),
  fc.tuple(fc.constantFrom(...instances), fc.constantFrom('/', '/x', '/versions/1/tags/k', '/endpoints/e')).map(([p, s]) => p + s),
);

function run(automaton: TemplateAutomaton, path: string): number {
  let state = automaton.start;
  for (const c of path) state = automaton.step(state, c);
  return state;
}

describe('the template automaton', () => {
  it('matches exactly the templates MLflow would consider, and contains the route the router picks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), nearMiss, (method, path) => {
        let shape = PATH_SHAPE_START;
        for (const c of path.slice(1)) shape = stepShape(shape, c);
        fc.pre(finalShape(shape) !== 'malformed' && !path.includes('%zz') && !/%[89A-F]/i.test(path));
        const automaton = automata.get(method) as TemplateAutomaton;
        const accepting = automaton.acceptingRoutes(run(automaton, path));
        const result = lenient.route(method, path);
        expect(result.kind === 'operation', `${method} ${path}`).toBe(accepting.length > 0);
        if (result.kind === 'operation') expect(accepting.map((i) => automaton.routes[i]?.route)).toContain(result.route);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses templates it cannot model', () => {
    const op = { ...(CATALOGUE[0] as (typeof CATALOGUE)[number]), routes: [{ method: 'GET' as const, path: '/x/<int:n>', engine: 'flask' as const }] };
    expect(() => new TemplateAutomaton(routesAnswering([op], 'GET'))).toThrow(/converter int/);
  });
});
