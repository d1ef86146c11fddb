import type { Output } from './output.js';

/**
 * `authz generate`: generated/ is written as a whole by `npm run generate` (scripts/generate.mjs), which runs
 * authz-core and the stages downstream of it together; authz-core alone cannot, since it depends on none of them.
 */
export async function generate(_args: readonly string[], out: Output): Promise<number> {
  out.error('generated/ is written as a whole by `npm run generate` (flags: --check, --strict, --file F, --root DIR); authz generate alone would write only part of it');
  return 2;
}
