import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRestApi } from 'aws-cdk-lib/aws-apigateway';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import type { ResourcePolicyJson } from '../api-resource-policy.js';
import { apiResourcePolicyGuardDocument, ownApiResourcePolicyGuard } from './api-resource-policy.js';
import { TEAM } from '@mlflow-authz/test/fixtures';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { readGeneratedPolicies } from './generated-policies.js';

const { resourcePolicy, index } = readGeneratedPolicies(fixtureProject(TEAM).root);
const stageName = index.apiStageName;

// CDK's built-in CloudFormation validation only warns outside strict mode and loads a WebAssembly rule engine
// (~5 s CPU) per process; infra/test/app.test.ts runs it on the whole app, these resources included.
const app = (): App => new App({ builtinCloudFormationValidation: false });

function stack(): Stack {
  return new Stack(app(), 'Mlflow', { env: { account: '123456789012', region: 'eu-west-1' } });
}

describe('the API resource-policy guard in CDK', () => {
  it('goes on the RestApi itself in the abbreviated form: Deny for "*" on every malformed-path pattern of the stage', () => {
    const s = stack();
    const api = new RestApi(s, 'Api', { deployOptions: { stageName }, policy: ownApiResourcePolicyGuard(stageName, resourcePolicy) });
    api.root.addProxy({ defaultIntegration: new MockIntegration(), anyMethod: true });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [
          {
            Sid: 'DenyMalformedPaths',
            Effect: 'Deny',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: Match.arrayWith([`execute-api:/${stageName}/*//*`, `execute-api:/${stageName}/*%2F*`, `execute-api:/${stageName}/*%0?*`]),
          },
        ],
      },
    });
    const statements = (Object.values(template.findResources('AWS::ApiGateway::RestApi'))[0]?.Properties as { Policy: { Statement: { Resource: string[] }[] } }).Policy.Statement;
    expect(statements[0]?.Resource).toHaveLength(16);
  });

  it('has real ARN tokens for a given API, which the API\'s own policy cannot take (a dependency cycle)', () => {
    const s = stack();
    const document = apiResourcePolicyGuardDocument(s, { restApi: 'a1b2c3d4e5', stageName }, resourcePolicy);
    expect(JSON.stringify(s.resolve(document.toJSON()))).toContain(`:execute-api:eu-west-1:123456789012:a1b2c3d4e5/${stageName}/*//*`);
    const cyclic = stack();
    const api = new RestApi(cyclic, 'Api', { deployOptions: { stageName } });
    api.root.addMethod('GET', new MockIntegration());
    (api.node.defaultChild as CfnRestApi).policy = apiResourcePolicyGuardDocument(cyclic, { restApi: api, stageName }, resourcePolicy);
    expect(() => Template.fromStack(cyclic)).toThrow(/dependency cycle/);
  });

  it('refuses anything but Deny statements for "*", and resources of another stage', () => {
    const statement = resourcePolicy.Statement[0] as ResourcePolicyJson['Statement'][number];
    const allowing = { ...resourcePolicy, Statement: [{ ...statement, Effect: 'Allow' }] } as unknown as ResourcePolicyJson;
    expect(() => ownApiResourcePolicyGuard(stageName, allowing)).toThrow(/only Deny statements/);
    expect(() => apiResourcePolicyGuardDocument(stack(), { restApi: 'a1b2c3d4e5', stageName: 'dev' }, resourcePolicy)).toThrow(/not an execute-api resource of stage dev/);
  });
});
