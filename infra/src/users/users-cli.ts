import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { UserAdmin } from './user-admin.js';

export const USAGE = `usage: npm run users -- COMMAND [--user-pool-id ID]
  add EMAIL --group G [--group G…]    create the user (Cognito emails a temporary password) and add it to groups
  list                                every user, its status and groups
  remove EMAIL                        delete the user
  groups EMAIL [--add G] [--remove G] show (or change) the user's groups
The user pool: --user-pool-id, else MLFLOW_USER_POOL_ID, else the UserPoolId output of the data stack.
Groups are permissions.yaml's Cognito groups: `;

/** What the CLI needs from outside, replaceable in tests. */
export interface UsersCliDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly cloudFormation: CloudFormationClient;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dataStackName: string;
  /** permissions.yaml's Cognito groups (generated/authorizer/permissions.json). */
  readonly knownGroups: readonly string[];
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

class UsageError extends Error {}

/** What to do about the failures a first-time user meets. */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [/Region is missing/, 'set AWS_REGION, or `region` in infra/config.ts'],
  [/CredentialsProviderError|Could not load credentials/, 'configure AWS credentials: aws configure, AWS_PROFILE or aws sso login'],
  [/ResourceNotFoundException.*(pool|User pool)/i, 'is the pool id right, and the region the one you deployed to?'],
];

interface Parsed {
  readonly command: string;
  readonly positional: string[];
  readonly options: Map<string, string[]>;
}

function parse(argv: readonly string[]): Parsed {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg.startsWith('--')) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      options.set(arg, [...(options.get(arg) ?? []), value]);
      i++;
    } else positional.push(arg);
  }
  return { command, positional, options };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function userPoolId(parsed: Parsed, deps: UsersCliDeps): Promise<string> {
  const given = parsed.options.get('--user-pool-id')?.[0] ?? deps.env['MLFLOW_USER_POOL_ID'];
  if (given !== undefined) return given;
  const stacks = await deps.cloudFormation.send(new DescribeStacksCommand({ StackName: deps.dataStackName }));
  const id = stacks.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'UserPoolId')?.OutputValue;
  if (id === undefined) throw new Error(`stack ${deps.dataStackName} has no UserPoolId output; deploy it first or pass --user-pool-id`);
  return id;
}

/** `npm run users -- …`: returns the exit code (0 done, 1 AWS refused or failed, 2 bad usage). */
export async function usersCli(argv: readonly string[], deps: UsersCliDeps): Promise<number> {
  try {
    const parsed = parse(argv);
    const email = (): string => {
      const value = parsed.positional[0];
      if (value === undefined || !EMAIL.test(value) || parsed.positional.length > 1) throw new UsageError(`${parsed.command} takes one email address`);
      return value;
    };
    const groupsOf = (option: string): string[] => {
      const groups = parsed.options.get(option) ?? [];
      const unknown = groups.filter((g) => !deps.knownGroups.includes(g));
      if (unknown.length > 0) throw new UsageError(`unknown group ${unknown.join(', ')}: permissions.yaml binds ${deps.knownGroups.join(', ')}`);
      return groups;
    };
    const known = new Set(['--user-pool-id', '--group', '--add', '--remove']);
    for (const option of parsed.options.keys()) if (!known.has(option)) throw new UsageError(`unknown option ${option}`);
    switch (parsed.command) {
      case 'add': {
        const address = email();
        const groups = groupsOf('--group');
        if (groups.length === 0) throw new UsageError('add needs at least one --group');
        const admin = new UserAdmin(deps.cognito, await userPoolId(parsed, deps));
        const created = await admin.add(address, groups);
        deps.out(`${created ? 'created' : 'already existed:'} ${address}; groups: ${(await admin.groups(address)).join(', ')}${created ? ' (Cognito emailed a temporary password)' : ''}`);
        return 0;
      }
      case 'list': {
        if (parsed.positional.length > 0) throw new UsageError('list takes no arguments');
        const users = await new UserAdmin(deps.cognito, await userPoolId(parsed, deps)).list(deps.knownGroups);
        for (const u of users) deps.out(`${u.email}\t${u.status}${u.enabled ? '' : ' (disabled)'}\t${u.groups.join(',') || '-'}`);
        deps.out(`${users.length} user(s)`);
        return 0;
      }
      case 'remove': {
        const address = email();
        await new UserAdmin(deps.cognito, await userPoolId(parsed, deps)).remove(address);
        deps.out(`removed ${address}`);
        return 0;
      }
      case 'groups': {
        const address = email();
        const add = groupsOf('--add');
        const remove = groupsOf('--remove');
        const admin = new UserAdmin(deps.cognito, await userPoolId(parsed, deps));
        for (const g of add) await admin.addToGroup(address, g);
        for (const g of remove) await admin.removeFromGroup(address, g);
        deps.out(`${address}: ${(await admin.groups(address)).join(', ') || '(no groups: no access to MLflow)'}`);
        return 0;
      }
      default:
        throw new UsageError(parsed.command === '' ? 'a command is needed' : `unknown command ${parsed.command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      deps.err(`error: ${error.message}`);
      deps.err(USAGE + deps.knownGroups.join(', '));
      return 2;
    }
    const e = error as Error;
    const hint = HINTS.find(([pattern]) => pattern.test(`${e.name}: ${e.message}`))?.[1];
    deps.err(`error: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}${hint === undefined ? '' : ` (${hint})`}`);
    return 1;
  }
}

/** The real dependencies: SDK clients with the default credential chain and region. */
export function defaultDeps(dataStackName: string, knownGroups: readonly string[], region: string | undefined): UsersCliDeps {
  const clientConfig = region === undefined ? {} : { region };
  // Created on first use, so that a usage error answers without the SDK's start-up warnings.
  let cognito: CognitoIdentityProviderClient | undefined;
  let cloudFormation: CloudFormationClient | undefined;
  return {
    get cognito() {
      return (cognito ??= new CognitoIdentityProviderClient(clientConfig));
    },
    get cloudFormation() {
      return (cloudFormation ??= new CloudFormationClient(clientConfig));
    },
    env: process.env,
    dataStackName,
    knownGroups,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}
