import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { ACCESS_LEVELS, AREAS } from './types.js';
import type { Operation } from './types.js';

function row(label: string, ops: readonly Operation[]): string {
  const perAccess = ACCESS_LEVELS.map((level) => ops.filter((o) => o.access === level).length);
  const routes = ops.reduce((n, o) => n + o.routes.length, 0);
  return `| ${label} | ${perAccess.join(' | ')} | ${ops.length} | ${routes} |`;
}

it('authz-core/README.md shows the catalogue counts as they are', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = /<!-- counts:begin -->\n([\s\S]*?)\n<!-- counts:end -->/.exec(readme)?.[1];
  const expected = [
    '| area | read | write | delete | admin | operations | routes |',
    '|---|---|---|---|---|---|---|',
    ...AREAS.map((area) => row(area, CATALOGUE.filter((o) => o.area === area))),
    row('**total**', CATALOGUE),
  ].join('\n');
  expect(table).toBe(expected);
});
