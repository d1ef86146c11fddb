/**
 * Deny patterns for every malformed path class a glob can express (decision contract, item 2): `//`, `.` and
 * `..` segments mid-path and last, a raw backslash, escaped `/` `\` `.` in either case, and escaped control
 * characters. `%0?`/`%1?` also catch bad escapes such as `%0z`, which the router refuses anyway. They lead
 * with `*` so that they hold for every method, and match nothing a client sends to a route it may call.
 */
export const MALFORMED_PATH_DENIES: readonly string[] = Object.freeze([
  '*//*',
  '*/./*',
  '*/../*',
  '*/.',
  '*/..',
  '*\\*',
  '*%2F*',
  '*%2f*',
  '*%5C*',
  '*%5c*',
  '*%2E*',
  '*%2e*',
  '*%0?*',
  '*%1?*',
  '*%7F*',
  '*%7f*',
]);
