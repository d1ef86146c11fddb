/**
 * Words people write for a candidate: normalized alias → candidate (`denies` → `deny`). An alias is only offered
 * when its target is among the candidates of the place where it was written.
 */
export type Aliases = Readonly<Record<string, string>>;

/**
 * The candidate `input` most likely meant, if any: a known alias, the same word in another case or spelling
 * (`cognito_groups`), the same stem (`denies` → `deny`), a close edit (`GetExperimentt`), or the one candidate
 * that contains it (`groups` → `cognitoGroups`).
 */
export function didYouMean(input: string, candidates: Iterable<string>, aliases: Aliases = {}): string | undefined {
  const list = [...candidates];
  const needle = normalize(input);
  const alias = aliases[needle];
  if (alias !== undefined && list.includes(alias)) return alias;
  const same = list.find((c) => normalize(c) === needle) ?? list.find((c) => stem(normalize(c)) === stem(needle));
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(needle, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3))) return best;
  if (needle.length < 5) return undefined;
  const containing = list.filter((c) => normalize(c).includes(needle));
  return containing.length === 1 ? containing[0] : undefined;
}

/** ` (did you mean "X"?)` or the empty string. */
export function suggestion(input: string, candidates: Iterable<string>, aliases: Aliases = {}): string {
  const match = didYouMean(input, candidates, aliases);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}

/** Lower case without separators: `cognito_groups`, `Cognito-Groups` and `cognitoGroups` are one word. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

// English inflections people add to a key: denies/denied → deny, grants → grant, includes → include.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 4 && word.endsWith('ied')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('s')) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
