import type { MethodModel } from './surface-model.js';
import { literalSegments } from './route-glob.js';
import { parsedRoute } from './route-glob.js';

/** A node of the literal-path trie: a path every route below it starts with, literally. */
export interface TrieNode {
  /** `/api/2.0/mlflow` (no trailing slash; the root of the browser surface is ``). */
  readonly path: string;
  readonly children: readonly TrieNode[];
  /** Routes (indices into the method's routes) whose literal prefix ends exactly here. */
  readonly routes: readonly number[];
  /** The route whose whole template is exactly `path`, if any. */
  readonly exact: readonly number[];
  /** How many granted / not granted routes sit at or below this node. */
  readonly grantedBelow: number;
  readonly deniedBelow: number;
}

interface MutableNode {
  path: string;
  children: Map<string, MutableNode>;
  routes: number[];
  exact: number[];
}

/**
 * The trie of the literal prefixes of the routes of one method on the surface (`include`), rooted at `root`
 * (`/api` on the IAM surface, so that no IAM pattern is broader than `/api/…`).
 */
export function literalTrie(method: MethodModel, include: readonly boolean[], granted: readonly boolean[], root: string): TrieNode {
  const top: MutableNode = { path: root, children: new Map(), routes: [], exact: [] };
  const rootSegments = root === '' ? [] : root.slice(1).split('/');
  method.routes.forEach((r, index) => {
    if (include[index] !== true) return;
    const literals = literalSegments(r.route);
    if (!rootSegments.every((s, i) => literals[i] === s)) return;
    let node = top;
    for (const segment of literals.slice(rootSegments.length)) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { path: `${node.path}/${segment}`, children: new Map(), routes: [], exact: [] };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.routes.push(index);
    if (literals.length === parsedRoute(r.route).segments.length) node.exact.push(index);
  });
  return freeze(top, granted);
}

function freeze(node: MutableNode, granted: readonly boolean[]): TrieNode {
  const children = [...node.children.keys()].sort().map((k) => freeze(node.children.get(k) as MutableNode, granted));
  const here = node.routes.filter((r) => granted[r] === true).length;
  return {
    path: node.path,
    children,
    routes: node.routes,
    exact: node.exact,
    grantedBelow: here + children.reduce((n, c) => n + c.grantedBelow, 0),
    deniedBelow: node.routes.length - here + children.reduce((n, c) => n + c.deniedBelow, 0),
  };
}
