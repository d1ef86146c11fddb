import { createHash } from 'node:crypto';

/** A user of the local OIDC provider: one per Cognito group in permissions.yaml, in that group. */
export interface DemoUser {
  readonly username: string;
  readonly password: string;
  /** Stable subject: the same user keeps the same `sub` across restarts. */
  readonly sub: string;
  readonly email: string;
  readonly groups: readonly string[];
  /** The role the group is bound to (for the start-up text). */
  readonly role: string;
}

/** One demo user per Cognito group (`cognitoGroups`: group → role), named after the group. */
export function demoUsers(cognitoGroups: Readonly<Record<string, string>>, passwords: Readonly<Record<string, string>>): DemoUser[] {
  return Object.entries(cognitoGroups).map(([group, role]) => ({
    username: group,
    password: passwords[group] ?? '',
    sub: createHash('sha256').update(`mlflow-local-demo-user:${group}`).digest('hex').slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    email: `${group}@mlflow.local`,
    groups: [group],
    role,
  }));
}
