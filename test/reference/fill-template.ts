// Concrete paths from the catalogue's route templates, read with the reference's own reading of Flask's and
// Starlette's parameter syntax (not authz-core's template parser), for the requests the proofs send.
import type { RouteSpec } from '@mlflow-authz/core';

/** How a parameter matches: one segment, the rest of the path (`path` converters), or digits (`int`). */
export type ParamKind = 'segment' | 'path' | 'int';

const FLASK = /<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>/g;
const STARLETTE = /\{(\w+)(?::(\w+))?\}/g;

/**
 * The route's path with each parameter replaced by `valueOf(name, kind, position)`; `position` is the index of
 * the parameter's segment in the path split on `/` (the leading empty segment is 0).
 */
export function fillTemplate(route: Pick<RouteSpec, 'engine' | 'path'>, valueOf: (name: string, kind: ParamKind, position: number) => string): string {
  const flask = route.engine === 'flask';
  return route.path
    .split('/')
    .map((segment, position) =>
      segment.replace(flask ? FLASK : STARLETTE, (_, a: string | undefined, b: string | undefined) => {
        const [name, converter] = flask ? [b as string, a ?? 'default'] : [a as string, b ?? 'str'];
        const kind: ParamKind = converter === 'path' ? 'path' : converter === 'int' ? 'int' : 'segment';
        return valueOf(name, kind, position);
      }),
    )
    .join('/');
}
