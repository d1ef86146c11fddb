/**
 * A request class IAM globs cannot tell apart from a route the role may not call, and which is therefore denied
 * although the role may call it (fail closed). Example: a role with DeleteDataset and DeleteDatasetTag but not
 * DeleteDatasetRecords needs `DELETE/…/datasets/*\/records` denied, and that glob also matches the tag request
 * `DELETE …/datasets/x/tags/records` (a tag named `records`): no glob covers one and not the other.
 */
export interface PatternCollision {
  readonly method: string;
  /** The deny pattern (`METHOD/path-glob` suffix) that fails closed. */
  readonly deny: string;
  /** The route not granted that the deny keeps out, with an example request it would otherwise let through. */
  readonly protects: CollisionRoute;
  /** The granted routes some of whose canonical requests the deny also matches (each with one such request). */
  readonly lost: readonly CollisionRoute[];
}

/** One route of a collision and a concrete request for it. */
export interface CollisionRoute {
  readonly operation: string;
  /** The route's path template. */
  readonly route: string;
  /** A raw request path of that route which the deny matches. */
  readonly example: string;
}

/** `refuse`: throw when no exact pattern set exists; `fail-closed`: deny the smallest colliding class and report it. */
export type CollisionMode = 'refuse' | 'fail-closed';
