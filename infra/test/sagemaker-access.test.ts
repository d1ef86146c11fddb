// SageMakerAccess alone (no full app): IAM-principal bindings and the domain choices, on a generated index
// that binds existing roles and users the way permissions.yaml may.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import type { GeneratedPolicies } from '@mlflow-authz/iam/cdk';
import { SageMakerAccess } from '../src/constructs/sagemaker-access.js';
import { REPO_ROOT } from '../src/constructs/mlflow-image.js';
import { readGeneratedInputs } from '../src/generated-inputs.js';

const generated = readGeneratedInputs(REPO_ROOT).policies;
const stageName = generated.index.apiStageName;
// Any role of the project's permissions.yaml: the bindings below are the test's own.
const ROLE = Object.keys(generated.index.roles).sort()[0] as string;

function withBindings(iamPrincipals: Record<string, string[]>): GeneratedPolicies {
  const roles = Object.fromEntries(Object.entries(generated.index.roles).map(([role, entry]) => [role, { ...entry, iamPrincipals: iamPrincipals[role] ?? [] }]));
  return { ...generated, index: { ...generated.index, roles } };
}

function build(policies: GeneratedPolicies, domain: ConstructorParameters<typeof SageMakerAccess>[2]['domain']) {
  const stack = new Stack(new App(), 'Access', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
  const access = new SageMakerAccess(stack, 'SageMaker', { restApi: 'a1b2c3d4e5', stageName, policies, domain, vpc, subnets: { subnets: vpc.privateSubnets }, removal: 'destroy' });
  return { access, template: Template.fromStack(stack) };
}

describe('SageMakerAccess', () => {
  it('attaches a role\'s policies and the guard to the IAM roles and users permissions.yaml binds to it', () => {
    const { access, template } = build(withBindings({ [ROLE]: ['analytics-batch', 'arn:aws:iam::123456789012:role/team/etl-runner', 'arn:aws:iam::123456789012:user/ci-bot'] }), { kind: 'none' });
    const readers = access.rolePolicies.get(ROLE);
    expect(readers).toBeDefined();
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    const attachedTo = (id: string) => (policies[id]?.['Properties'] as { Roles?: unknown[]; Users?: unknown[] }) ?? {};
    for (const policy of [readers?.guard, ...(readers?.managedPolicies ?? [])]) {
      const id = Stack.of(access).getLogicalId(policy?.node.defaultChild as never);
      expect(JSON.stringify(attachedTo(id).Roles)).toContain('analytics-batch');
      expect(JSON.stringify(attachedTo(id).Roles)).toContain('etl-runner');
      expect(attachedTo(id).Users).toEqual(['ci-bot']);
    }
    // No domain, no profiles; execution roles still exist for the roles bound to profiles.
    template.resourceCountIs('AWS::SageMaker::UserProfile', 0);
    template.resourceCountIs('AWS::SageMaker::Domain', 0);
    expect([...access.executionRoles.keys()].sort()).toEqual(Object.entries(generated.index.roles).filter(([, e]) => e.sagemakerUserProfiles.length > 0).map(([r]) => r).sort());
  });

  it('refuses a binding that is neither a role name nor a role or user ARN', () => {
    expect(() => build(withBindings({ [ROLE]: ['arn:aws:iam::123456789012:group/analysts'] }), { kind: 'none' })).toThrow(/neither an IAM role name nor a role or user ARN/);
  });

  it('creates a new IAM-auth, VPC-only domain whose default role has no MLflow access', () => {
    const { template } = build(generated, { kind: 'new', domainName: 'mlflow' });
    template.hasResourceProperties('AWS::SageMaker::Domain', { AuthMode: 'IAM', AppNetworkAccessType: 'VpcOnly', VpcId: 'vpc-0123456789abcdef0', SubnetIds: ['subnet-0123456789abcdef0'] });
    const domain = Object.values(template.findResources('AWS::SageMaker::Domain'))[0] as { Properties: { DefaultUserSettings: { ExecutionRole: { 'Fn::GetAtt': [string] } } } };
    const defaultRole = domain.Properties.DefaultUserSettings.ExecutionRole['Fn::GetAtt'][0];
    const attached = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify(p).includes(`"${defaultRole}"`));
    expect(attached).toEqual([]);
    expect(JSON.stringify(template.findResources('AWS::IAM::Role')[defaultRole])).not.toContain('execute-api');
  });
});
