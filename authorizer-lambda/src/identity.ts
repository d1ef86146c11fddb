import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { InvalidTokenError } from './errors.js';
import type { GroupRoles } from './group-roles.js';

/** Who a verified token speaks for, and the roles its groups give, as the authorizer uses them. */
export interface Identity {
  /** The token's `sub`: the API Gateway principalId. */
  readonly sub: string;
  readonly username: string;
  /** `cognito:groups` as the token states it (absent claim: none). */
  readonly groups: readonly string[];
  /** The roles those groups map to in generated/, sorted, without duplicates. */
  readonly roles: readonly string[];
  /** `roles` joined with `,`: the context value. */
  readonly roleKey: string;
  /** The token's `exp` (seconds since the epoch): the identity is never used at or after it. */
  readonly expiresAt: number;
}

/**
 * Reads the identity from a payload aws-jwt-verify has verified. Throws `InvalidTokenError` for claims the
 * authorizer cannot trust or use: no `sub`, no numeric `exp` or one not after `nowSeconds` (RFC 7519: the
 * current time MUST be before it; the library still accepts the last second), a `cognito:groups` that is not
 * an array of strings.
 */
export function identityFromPayload(payload: JwtPayload, groupRoles: GroupRoles, nowSeconds: number): Identity {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('token has no sub');
  const exp = payload.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new InvalidTokenError('token has no numeric exp');
  if (exp <= nowSeconds) throw new InvalidTokenError('token expired');
  const groups = readGroups(payload['cognito:groups']);
  const username = firstString(payload['cognito:username'], payload['username']) ?? sub;
  const roles = groupRoles.rolesOf(groups);
  return { sub, username, groups, roles, roleKey: roles.join(','), expiresAt: exp };
}

function readGroups(claim: unknown): readonly string[] {
  if (claim === undefined) return [];
  if (!Array.isArray(claim) || !claim.every((g): g is string => typeof g === 'string')) {
    throw new InvalidTokenError('cognito:groups is not an array of strings');
  }
  return Object.freeze([...claim]);
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}
