import type { Surface } from './surface.js';

/**
 * Resource-pattern suffixes for `execute-api:Invoke`: each is the part of an ARN after
 * `arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/`, i.e. `METHOD/path-glob` (`*` any run of
 * characters across `/`, `?` one character). A request is allowed when an allow matches and no deny does.
 */
export interface PatternSet {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

/** What to build or check patterns for. */
export interface PatternRequest {
  readonly surface: Surface;
  /** Operation ids the role set may call. */
  readonly granted: ReadonlySet<string>;
  /**
   * Also guard against API Gateway stripping a trailing slash before MLflow sees the path (reported for
   * `{proxy+}` integrations): a request `…/get/` must not be allowed when MLflow would run `…/get` and the
   * role may not — also where the router maps `…/get/` itself to a granted operation (`…/versions/` for a role
   * with delete_mcp_server_version but not delete_mcp_server): safety wins over exactness. Default true.
   */
  readonly trailingSlashStripped?: boolean;
}
