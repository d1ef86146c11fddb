import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { AccountPrincipal, Role, User } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { RoleExecuteApiPolicies, executeApiPolicyDocument } from './execute-api-policies.js';
import { readGeneratedPolicies } from './generated-policies.js';

const generated = readGeneratedPolicies(new URL('../../..', import.meta.url).pathname);
const stageName = generated.index.apiStageName;

function stackWithApi(): { stack: Stack; api: RestApi } {
  const stack = new Stack(new App(), 'Mlflow', { env: { account: '123456789012', region: 'eu-west-1' } });
  const api = new RestApi(stack, 'Api', { deployOptions: { stageName } });
  api.root.addProxy({ defaultIntegration: new MockIntegration(), anyMethod: true });
  return { stack, api };
}

describe('RoleExecuteApiPolicies', () => {
  it('turns a role\'s generated documents into managed policies with the API\'s real ARNs, attached to a role and a user', () => {
    const { stack, api } = stackWithApi();
    const documents = generated.documents.get('readers') ?? [];
    const policies = new RoleExecuteApiPolicies(stack, 'Readers', { restApi: api, stageName, role: 'readers', documents });
    const role = new Role(stack, 'SageMakerExecution', { assumedBy: new AccountPrincipal('123456789012') });
    const user = new User(stack, 'Analyst');
    policies.attachTo(role);
    policies.attachTo(user);

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', documents.length);
    const arn = (suffix: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^Api') }, `/${stageName}/${suffix}`]],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'Allow', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: Match.arrayWith([arn('GET/api/?.0/mlflow*/*')]) }),
          Match.objectLike({ Sid: 'Deny', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: Match.arrayWith([arn('*%2F*'), arn('GET/api/?.0/mlflow/us*')]) }),
        ]),
      },
    });
    // Attached from the policy's side, which works for imported roles (Role.fromRoleArn) too.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^SageMakerExecution') }],
      Users: [{ Ref: Match.stringLikeRegexp('^Analyst') }],
    });
  });

  it('takes an API id instead of a RestApi, with the stack\'s account and region', () => {
    const stack = new Stack(new App(), 'ById', { env: { account: '111122223333', region: 'us-east-1' } });
    const document = executeApiPolicyDocument(stack, { restApi: 'a1b2c3d4e5', stageName }, (generated.documents.get('admins') ?? [])[0] ?? { Version: '2012-10-17', Statement: [] });
    const json = JSON.stringify(stack.resolve(document.toJSON()));
    expect(json).toContain(`:execute-api:us-east-1:111122223333:a1b2c3d4e5/${stageName}/GET/api/*`);
  });

  it('refuses documents generated for another stage', () => {
    const { stack, api } = stackWithApi();
    const documents = generated.documents.get('readers') ?? [];
    expect(() => new RoleExecuteApiPolicies(stack, 'Wrong', { restApi: api, stageName: 'dev', role: 'readers', documents })).toThrow(/not an execute-api resource of stage dev/);
  });
});
