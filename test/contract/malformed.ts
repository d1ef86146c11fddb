// The malformed-path classes, once for all of the suite's oracles: spellings whose meaning could differ between
// API Gateway, IAM glob matching and MLflow (`//`, `.`/`..` segments, a backslash, escaped `/` `\` `.`, escaped
// control characters). Pattern-based policies must deny them explicitly (the generator's shared guard), the
// authorizer must not allow them, and the reference router refuses them. Written out here, independently of
// authz-core's path parser and pattern builder.

/** True when the path holds one of the malformed classes. */
export function isMalformed(path: string): boolean {
  return MALFORMED.test(path);
}

const MALFORMED = /\/\/|\/\.\.?(?:\/|$)|\\|%2[fFeE]|%5[cC]|%[01][0-9a-fA-F]|%7[fF]/;

/**
 * One spelling of `path` per malformed class (both hex casings of each escape): sixteen, one per deny of the
 * generator's guard. They are put after the path's second segment (`/api/2.0` + `//` + `mlflow/…`), so that they
 * stay on the IAM surface (`/api/…`): right after `/api`, most would leave it and never meet an allow.
 */
export function malformedVariants(path: string): string[] {
  const second = path.indexOf('/', 1);
  const third = second === -1 ? -1 : path.indexOf('/', second + 1);
  const cut = third === -1 ? path.length : third;
  const head = path.slice(0, cut);
  const tail = path.slice(cut);
  return [
    `${head}/${tail}`,
    `${head}/.${tail}`,
    `${head}/..${tail}`,
    `${path}/.`,
    `${path}/..`,
    `${head}\\${tail}`,
    `${head}%2F${tail.slice(1)}`,
    `${head}%2f${tail.slice(1)}`,
    `${head}%5C${tail}`,
    `${head}%5c${tail}`,
    `${head}%2E${tail}`,
    `${head}%2e${tail}`,
    `${head}%00${tail}`,
    `${head}%1f${tail}`,
    `${head}%7F${tail}`,
    `${head}%7f${tail}`,
  ];
}

/** How many malformed spellings `malformedVariants` gives for each path. */
export const MALFORMED_SPELLINGS = malformedVariants('/a/b').length;
