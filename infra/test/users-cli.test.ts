import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UsersCliDeps } from '../src/users/users-cli.js';
import { usersCli } from '../src/users/users-cli.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const cloudFormation = mockClient(CloudFormationClient);
const POOL = 'eu-west-1_AbC123';

function run(argv: string[], env: Record<string, string> = { MLFLOW_USER_POOL_ID: POOL }) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: UsersCliDeps = {
    cognito: new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
    cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
    env,
    dataStackName: 'Mlflow-Data',
    knownGroups: ['admins', 'model-approvers', 'readers'],
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return usersCli(argv, deps).then((code) => ({ code, out, err }));
}

beforeEach(() => {
  cognito.reset();
  cloudFormation.reset();
});

describe('npm run users', () => {
  it('add: creates the user with a verified email, invites it, and adds it to its groups', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'readers' }, { GroupName: 'model-approvers' }] });
    const { code, out } = await run(['add', 'ana@example.com', '--group', 'readers', '--group', 'model-approvers']);
    expect(code).toBe(0);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ana@example.com',
      UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }, { Name: 'email_verified', Value: 'true' }],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual(['readers', 'model-approvers']);
    expect(out).toEqual(['created ana@example.com; groups: model-approvers, readers (Cognito emailed a temporary password)']);
  });

  it('add: an existing user is only added to the groups', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'admins' }] });
    const { code, out } = await run(['add', 'ana@example.com', '--group', 'admins']);
    expect(code).toBe(0);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(1);
    expect(out[0]).toBe('already existed: ana@example.com; groups: admins');
  });

  it('list: every user with status and groups, one listing per group', async () => {
    cognito.on(ListUsersInGroupCommand, { GroupName: 'admins' }).resolves({ Users: [{ Username: 'u-1' }] });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'readers' }).resolves({ Users: [{ Username: 'u-1' }, { Username: 'u-2' }] });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'model-approvers' }).resolves({ Users: [] });
    cognito
      .on(ListUsersCommand)
      .resolvesOnce({ Users: [{ Username: 'u-2', UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true, Attributes: [{ Name: 'email', Value: 'bo@example.com' }] }], PaginationToken: 'next' })
      .resolvesOnce({ Users: [{ Username: 'u-1', UserStatus: 'CONFIRMED', Enabled: false, Attributes: [{ Name: 'email', Value: 'ana@example.com' }] }, { Username: 'u-3', UserStatus: 'CONFIRMED', Enabled: true, Attributes: [{ Name: 'email', Value: 'cy@example.com' }] }] });
    const { code, out } = await run(['list']);
    expect(code).toBe(0);
    expect(out).toEqual(['ana@example.com\tCONFIRMED (disabled)\tadmins,readers', 'bo@example.com\tFORCE_CHANGE_PASSWORD\treaders', 'cy@example.com\tCONFIRMED\t-', '3 user(s)']);
    expect(cognito.commandCalls(ListUsersCommand)[1]?.args[0].input.PaginationToken).toBe('next');
  });

  it('remove and groups (with --add and --remove)', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
    expect((await run(['remove', 'ana@example.com'])).out).toEqual(['removed ana@example.com']);
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]?.args[0].input).toEqual({ UserPoolId: POOL, Username: 'ana@example.com' });
    const { out } = await run(['groups', 'ana@example.com', '--add', 'admins', '--remove', 'readers']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input.GroupName).toBe('admins');
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]?.args[0].input.GroupName).toBe('readers');
    expect(out).toEqual(['ana@example.com: (no groups: no access to MLflow)']);
  });

  it('finds the pool in the data stack\'s outputs when none is given', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'Mlflow-Data' }).resolves({ Stacks: [{ StackName: 'Mlflow-Data', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'UserPoolId', OutputValue: POOL }] }] });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'readers' }] });
    const { code } = await run(['groups', 'ana@example.com'], {});
    expect(code).toBe(0);
    expect(cognito.commandCalls(AdminListGroupsForUserCommand)[0]?.args[0].input.UserPoolId).toBe(POOL);
  });

  it('refuses bad usage with exit 2 and no AWS call, and reports AWS errors in one line with exit 1', async () => {
    for (const argv of [[], ['frobnicate'], ['add', 'not-an-email', '--group', 'readers'], ['add', 'ana@example.com'], ['add', 'ana@example.com', '--group', 'owners'], ['list', '--colour', 'red'], ['remove']]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err[0]).toMatch(/^error: /);
    }
    expect(cognito.calls()).toHaveLength(0);
    cognito.on(AdminDeleteUserCommand).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    const { code, err } = await run(['remove', 'ghost@example.com']);
    expect(code).toBe(1);
    expect(err).toEqual(['error: UserNotFoundException: User does not exist.']);
  });
});
