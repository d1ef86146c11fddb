/** Maps Cognito groups to roles with the `cognitoGroups` table of generated/authorizer/permissions.json. */
export class GroupRoles {
  private readonly byGroup: ReadonlyMap<string, string>;

  constructor(cognitoGroups: Readonly<Record<string, string>>) {
    this.byGroup = new Map(Object.entries(cognitoGroups));
  }

  /** The roles the groups give, sorted and without duplicates; groups the table does not list give none. */
  rolesOf(groups: readonly string[]): readonly string[] {
    const roles = new Set<string>();
    for (const group of groups) {
      const role = this.byGroup.get(group);
      if (role !== undefined) roles.add(role);
    }
    return Object.freeze([...roles].sort());
  }
}
