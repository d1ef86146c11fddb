// fast-check generators of catalogue requests that can travel over HTTP: a catalogue route with its parameters
// filled (plain text, reserved and non-ASCII characters escaped, now and then a malformed piece the gateway's
// guards deny), with the route's method (HEAD for some GET routes) and sometimes a query string.
import type { ConverterKind, Operation, Surface } from '@mlflow-authz/core';
import { CATALOGUE, instantiate, parseTemplate, pathOnSurface } from '@mlflow-authz/core';
import fc from 'fast-check';

/** One request: its method and raw path (with query string). */
export interface CatalogueRequest {
  readonly method: string;
  readonly path: string;
}

const PIECE = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/) },
  { weight: 2, arbitrary: fc.constantFrom('.', '~', ':', '@', '*', '+', ',', ';', '=', '!', '$', "'", '(', ')', '&') },
  { weight: 2, arbitrary: fc.constantFrom('%20', '%3A', '%40', '%2A', '%3F', '%C3%A9', '%E6%97%A5', '%25', '%2B', '%23') },
  // Malformed classes: escaped separators and dots, control characters. The router refuses them; the gateway's
  // resource policy and the documents deny them.
  { weight: 1, arbitrary: fc.constantFrom('%2F', '%2f', '%5C', '%2E', '%2e', '%00', '%1F', '%7F') },
);
const SEGMENT = fc.array(PIECE, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const PATH = fc.array(fc.oneof({ weight: 12, arbitrary: SEGMENT }, { weight: 1, arbitrary: fc.constantFrom('..', '.') }), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

function routesOn(surface: Surface) {
  return CATALOGUE.flatMap((op: Operation) => op.routes.filter((r) => pathOnSurface(r.path, surface)).map((route) => ({ route, template: parseTemplate(route.path, route.engine) })));
}

/** Catalogue requests on one surface (`iam`: the `/api/` routes; `browser`: every other). */
export function catalogueRequests(surface: Surface): fc.Arbitrary<CatalogueRequest> {
  const routes = routesOn(surface);
  return fc
    .record({
      index: fc.nat({ max: routes.length - 1 }),
      segment: SEGMENT,
      path: PATH,
      int: fc.nat({ max: 99999 }),
      head: fc.boolean(),
      query: fc.option(fc.constantFrom('a=1', 'experiment_id=0&x=%20y', 'path=a/b.txt&run_uuid=r1', 'q=%2A'), { nil: undefined }),
    })
    .map(({ index, segment, path, int, head, query }) => {
      const { route, template } = routes[index] as (typeof routes)[number];
      const value = (_name: string, converter: ConverterKind) => (converter === 'path' ? path : converter === 'int' ? String(int) : segment);
      // Flask's GET routes answer HEAD; FastAPI's do not (HEAD falls through to Flask).
      const method = route.method === 'GET' && route.engine === 'flask' && head ? 'HEAD' : route.method;
      return { method, path: instantiate(template, value) + (query === undefined ? '' : `?${query}`) };
    });
}
