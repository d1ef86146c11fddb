import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { AccountPrincipal, Role, User } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import type { PolicyDocumentJson } from '../policy-document.js';
import { RoleExecuteApiPolicies, executeApiPolicyDocument } from './execute-api-policies.js';
import { TEAM } from '@mlflow-authz/test/fixtures';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { readGeneratedPolicies } from './generated-policies.js';

const generated = readGeneratedPolicies(fixtureProject(TEAM).root);
const stageName = generated.index.apiStageName;
const { guard } = generated;

// CDK's built-in CloudFormation validation only warns outside strict mode and loads a WebAssembly rule engine
// (~5 s CPU) per process; infra/test/app.test.ts runs it on the whole app, these resources included.
const app = (): App => new App({ builtinCloudFormationValidation: false });

function stackWithApi(): { stack: Stack; api: RestApi } {
  const stack = new Stack(app(), 'Mlflow', { env: { account: '123456789012', region: 'eu-west-1' } });
  const api = new RestApi(stack, 'Api', { deployOptions: { stageName } });
  api.root.addProxy({ defaultIntegration: new MockIntegration(), anyMethod: true });
  return { stack, api };
}

const arn = (suffix: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^Api') }, `/${stageName}/${suffix}`]],
});

/** The managed policies of a template whose document has a statement matching `statement`. */
function policiesWith(template: Template, statement: object): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources('AWS::IAM::ManagedPolicy', { Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) } } }) as Record<string, { Properties: Record<string, unknown> }>;
}

describe('RoleExecuteApiPolicies', () => {
  it('makes one guard per stack, and attaches it with every role\'s own policies to roles and users', () => {
    const { stack, api } = stackWithApi();
    const readers = new RoleExecuteApiPolicies(stack, 'Readers', { restApi: api, stageName, role: 'readers', documents: generated.documents.get('readers') ?? [], guard });
    const admins = new RoleExecuteApiPolicies(stack, 'Admins', { restApi: api, stageName, role: 'admins', documents: generated.documents.get('admins') ?? [], guard });
    expect(readers.guard).toBe(admins.guard);
    const role = new Role(stack, 'SageMakerExecution', { assumedBy: new AccountPrincipal('123456789012') });
    const user = new User(stack, 'Analyst');
    readers.attachTo(role);
    readers.attachTo(user);
    admins.attachTo(role);

    const template = Template.fromStack(stack);
    const own = readers.managedPolicies.length + admins.managedPolicies.length;
    expect(own).toBeGreaterThan(0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', own + 1);
    // The guard: every malformed-path deny, attached once to the role that holds two MLflow roles, and to the user.
    const guards = policiesWith(template, { Sid: 'DenyMalformedPaths', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: Match.arrayWith([arn('*//*'), arn('*%2F*'), arn('*%7f*')]) });
    expect(Object.values(guards)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({ Roles: [{ Ref: expect.stringMatching(/^SageMakerExecution/) }], Users: [{ Ref: expect.stringMatching(/^Analyst/) }] }),
      }),
    ]);
    // The readers' own policy: its allows and deny exceptions, no malformed-path deny, attached to both principals.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Sid: 'Allow', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: Match.arrayWith([arn('GET/api/?.0/mlflow*/*')]) }),
          Match.objectLike({ Sid: 'Deny', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: Match.arrayWith([arn('GET/api/?.0/mlflow/us*')]) }),
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^SageMakerExecution') }],
      Users: [{ Ref: Match.stringLikeRegexp('^Analyst') }],
    });
    const readersPolicies = policiesWith(template, { Sid: 'Deny', Resource: Match.arrayWith([arn('GET/api/?.0/mlflow/us*')]) });
    expect(Object.keys(readersPolicies)).toHaveLength(1);
    expect(JSON.stringify(readersPolicies)).not.toMatch(/%2F|\/\/\*/);
  });

  it('takes an API id instead of a RestApi, with the stack\'s account and region', () => {
    const stack = new Stack(app(), 'ById', { env: { account: '111122223333', region: 'us-east-1' } });
    const document = executeApiPolicyDocument(stack, { restApi: 'a1b2c3d4e5', stageName }, (generated.documents.get('admins') ?? [])[0] ?? { Version: '2012-10-17', Statement: [] });
    const json = JSON.stringify(stack.resolve(document.toJSON()));
    expect(json).toContain(`:execute-api:us-east-1:111122223333:a1b2c3d4e5/${stageName}/GET/api/*`);
    const policies = new RoleExecuteApiPolicies(stack, 'Admins', { restApi: 'a1b2c3d4e5', stageName, role: 'admins', documents: generated.documents.get('admins') ?? [], guard });
    expect(JSON.stringify(stack.resolve(policies.guard.document.toJSON()))).toContain(`a1b2c3d4e5/${stageName}/*%2F*`);
  });

  it('refuses documents or a guard generated for another stage', () => {
    const { stack, api } = stackWithApi();
    const documents = generated.documents.get('readers') ?? [];
    expect(() => new RoleExecuteApiPolicies(stack, 'Wrong', { restApi: api, stageName: 'dev', role: 'readers', documents, guard })).toThrow(/not an execute-api resource of stage dev/);
  });

  it('refuses a guard that misses a malformed-path deny or allows anything, so no role gets its documents without it', () => {
    const { stack, api } = stackWithApi();
    const documents = generated.documents.get('readers') ?? [];
    const statement = guard.Statement[0] as PolicyDocumentJson['Statement'][number];
    const missing: PolicyDocumentJson = { ...guard, Statement: [{ ...statement, Resource: statement.Resource.filter((r) => !r.endsWith('/*%5c*')) }] };
    expect(() => new RoleExecuteApiPolicies(stack, 'Missing', { restApi: api, stageName, role: 'readers', documents, guard: missing })).toThrow(/does not deny \*%5c\*$/);
    const allowing: PolicyDocumentJson = { ...guard, Statement: [{ ...statement, Effect: 'Allow' }] };
    expect(() => new RoleExecuteApiPolicies(stack, 'Allowing', { restApi: api, stageName, role: 'readers', documents, guard: allowing })).toThrow(/only Deny statements/);
    expect(() => new RoleExecuteApiPolicies(stack, 'Empty', { restApi: api, stageName, role: 'readers', documents, guard: { Version: '2012-10-17', Statement: [] } })).toThrow(/does not deny/);
  });
});
