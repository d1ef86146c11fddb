import type { CognitoIdentityProviderClient, UserType } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminRemoveUserFromGroupCommand,
  paginateAdminListGroupsForUser,
  paginateListUsers,
  paginateListUsersInGroup,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';

/** A user as `users list` shows it. */
export interface UserSummary {
  readonly email: string;
  readonly status: string;
  readonly enabled: boolean;
  readonly groups: readonly string[];
}

function emailOf(user: UserType): string {
  return user.Attributes?.find((a) => a.Name === 'email')?.Value ?? user.Username ?? '?';
}

/** The user pool operations of `npm run users`, over one pool (AWS SDK v3). */
export class UserAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Creates the user (Cognito emails a temporary password; the first login sets a new one) and adds it to
   * `groups`. An existing user is only added to the groups. Returns whether the user was created.
   */
  async add(email: string, groups: readonly string[]): Promise<boolean> {
    let created = true;
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      created = false;
    }
    for (const group of groups) await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: group }));
    return created;
  }

  async remove(email: string): Promise<void> {
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
  }

  async groups(email: string): Promise<string[]> {
    const groups: string[] = [];
    for await (const page of paginateAdminListGroupsForUser({ client: this.client }, { UserPoolId: this.userPoolId, Username: email })) {
      groups.push(...(page.Groups ?? []).map((g) => g.GroupName ?? '?'));
    }
    return groups.sort();
  }

  async addToGroup(email: string, group: string): Promise<void> {
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: group }));
  }

  async removeFromGroup(email: string, group: string): Promise<void> {
    await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: group }));
  }

  /** Every user with its groups (one listing per group of `groupNames`, not one call per user). */
  async list(groupNames: readonly string[]): Promise<UserSummary[]> {
    const members = new Map<string, string[]>();
    for (const group of groupNames) {
      for await (const page of paginateListUsersInGroup({ client: this.client }, { UserPoolId: this.userPoolId, GroupName: group })) {
        for (const user of page.Users ?? []) members.set(user.Username ?? '', [...(members.get(user.Username ?? '') ?? []), group]);
      }
    }
    const users: UserSummary[] = [];
    for await (const page of paginateListUsers({ client: this.client }, { UserPoolId: this.userPoolId })) {
      for (const user of page.Users ?? []) {
        users.push({ email: emailOf(user), status: user.UserStatus ?? '?', enabled: user.Enabled ?? false, groups: (members.get(user.Username ?? '') ?? []).sort() });
      }
    }
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }
}
