import type { Access, Area, Operation } from '../catalogue/types.js';
import { ACCESS_LEVELS, AREAS } from '../catalogue/types.js';
import { RENAMED_AREAS } from '../catalogue/areas.js';
import { suggestion } from './suggest.js';

/** A grant or deny entry of permissions.yaml: `*`, `area:access` (either part may be `*`), or an operation id. */
export type Selector =
  | { readonly kind: 'all' }
  | { readonly kind: 'area-access'; readonly area: Area | '*'; readonly access: Access | '*' }
  | { readonly kind: 'operation'; readonly id: string };

export type SelectorParse = { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly message: string };

/** Parses a selector against the catalogue; unknown names get a "did you mean". */
export function parseSelector(text: string, operationIds: ReadonlySet<string>): SelectorParse {
  if (text === '*') return { ok: true, selector: { kind: 'all' } };
  const colon = text.indexOf(':');
  if (colon === -1) {
    if (operationIds.has(text)) return { ok: true, selector: { kind: 'operation', id: text } };
    return { ok: false, message: `unknown operation ${JSON.stringify(text)}${suggestion(text, operationIds)}` };
  }
  const area = text.slice(0, colon);
  const access = text.slice(colon + 1);
  if (area !== '*' && !(AREAS as readonly string[]).includes(area)) {
    const renamed = RENAMED_AREAS[area];
    if (renamed !== undefined) {
      return { ok: false, message: `area ${JSON.stringify(area)} is now ${JSON.stringify(renamed.now)} (write ${JSON.stringify(`${renamed.now}:${access}`)}): ${renamed.why}` };
    }
    return { ok: false, message: `unknown area ${JSON.stringify(area)} in ${JSON.stringify(text)}${suggestion(area, AREAS)}` };
  }
  if (access !== '*' && !(ACCESS_LEVELS as readonly string[]).includes(access)) {
    return {
      ok: false,
      message: `unknown access level ${JSON.stringify(access)} in ${JSON.stringify(text)}${suggestion(access, ACCESS_LEVELS)}; one of ${ACCESS_LEVELS.join(', ')} or *`,
    };
  }
  return { ok: true, selector: { kind: 'area-access', area: area as Area | '*', access: access as Access | '*' } };
}

/** Whether the selector covers the operation. */
export function selects(selector: Selector, operation: Operation): boolean {
  switch (selector.kind) {
    case 'all':
      return true;
    case 'operation':
      return selector.id === operation.id;
    case 'area-access':
      return (selector.area === '*' || selector.area === operation.area) && (selector.access === '*' || selector.access === operation.access);
  }
}
