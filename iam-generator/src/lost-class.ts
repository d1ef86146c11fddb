import type { CollisionRoute } from '@mlflow-authz/core';
import { CATALOGUE, parseTemplate } from '@mlflow-authz/core';

/**
 * A lost request class in words: the operation and the parameter values its example request is forced to take
 * (`DeleteDatasetTag with key "records"`). The search behind the example fills free parameters with `x`, so a
 * parameter with any other value is one the colliding deny pins down; when none is, the example speaks alone.
 */
export function lostClass(lost: CollisionRoute): string {
  const engine = CATALOGUE.find((op) => op.id === lost.operation)?.routes.find((r) => r.path === lost.route)?.engine ?? 'flask';
  const template = parseTemplate(lost.route, engine);
  const names: string[] = [];
  const pattern = template.segments
    .map((pieces) =>
      pieces
        .map((p) => {
          if (p.kind === 'text') return p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(p.name);
          return p.converter === 'path' ? '(.*)' : '([^/]+)';
        })
        .join(''),
    )
    .join('/');
  const match = new RegExp(`^/${pattern}$`).exec(lost.example);
  const pinned = match === null ? [] : names.flatMap((name, i) => (match[i + 1] !== undefined && match[i + 1] !== 'x' ? [`${name} ${JSON.stringify(match[i + 1])}`] : []));
  return pinned.length === 0 ? `${lost.operation} on requests like ${lost.example}` : `${lost.operation} with ${pinned.join(' and ')}`;
}
