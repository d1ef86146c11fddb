// The other branches of infra/config.ts in one synth: a fixed region, an existing VPC and SageMaker domain, a
// custom domain, MFA required, data destroyed on teardown. Still offline, still free of unacknowledged findings.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../config.js';
import type { MlflowDeploymentConfig } from '../src/config/deployment-config.js';
import type { Synthesized } from './synth.js';
import { resources, synthesize } from './synth.js';

const variant: MlflowDeploymentConfig = {
  ...config,
  stackPrefix: 'Team',
  region: 'eu-west-1',
  network: {
    natGateways: 1,
    existingVpc: { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.20.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0aa1111111111111a', 'subnet-0bb2222222222222b'] },
  },
  api: { ...config.api, customDomain: { domainName: 'mlflow.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e', hostedZone: { hostedZoneId: 'Z0123456789', zoneName: 'example.com' } } },
  cognito: { ...config.cognito, mfa: 'required', domainPrefix: 'team-mlflow' },
  sagemaker: { domain: { kind: 'existing', domainId: 'd-abc123def456' } },
  dataRemoval: 'destroy',
};

let app: Synthesized;
beforeAll(() => {
  app = synthesize(variant);
}, 180_000);
afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

describe('a deployment into an existing VPC and Studio domain, with a custom domain', () => {
  it('synthesizes without lookups and without unacknowledged cdk-nag findings', () => {
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
    expect(manifest.missing ?? []).toEqual([]);
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as { pluginReports?: { violations?: unknown[] }[] };
    expect((report.pluginReports ?? []).flatMap((p) => p.violations ?? [])).toEqual([]);
    expect(app.acknowledgements.some((a) => a.id === 'AwsSolutions-COG2')).toBe(false);
    expect(app.acknowledgements.some((a) => a.id === 'AwsSolutions-ELB2')).toBe(false);
  });

  it('creates no VPC and no domain; puts the profiles on the given domain', () => {
    app.templates.data.resourceCountIs('AWS::EC2::VPC', 0);
    app.templates.access.resourceCountIs('AWS::SageMaker::Domain', 0);
    app.templates.access.allResourcesProperties('AWS::SageMaker::UserProfile', { DomainId: 'd-abc123def456' });
    app.templates.data.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: ['subnet-0aa1111111111111a', 'subnet-0bb2222222222222b'] });
  });

  it('serves the UI on the custom domain (callback, CORS, login configuration) and keeps the stage URL working', () => {
    app.templates.service.hasResourceProperties('AWS::ApiGateway::DomainName', { DomainName: 'mlflow.example.com', SecurityPolicy: 'TLS_1_2' });
    app.templates.service.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { DomainName: { Ref: Match.anyValue() }, Stage: { Ref: Match.anyValue() } });
    app.templates.service.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'mlflow.example.com.', Type: 'A' });
    const client = Object.values(resources(app.templates.service)).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')?.Properties ?? {};
    expect(JSON.stringify(client['CallbackURLs'])).toMatch(/^\["https:\/\/mlflow\.example\.com\/",.*execute-api/);
    const text = JSON.stringify(resources(app.templates.service));
    expect(text).toContain('https://mlflow.example.com,https://');
    expect(text).toMatch(/\\"redirectUri\\":\\"https:\/\/mlflow\.example\.com\/\\"/);
  });

  it('requires MFA, logs the load balancer, and lets teardown delete the data', () => {
    app.templates.data.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', DeletionProtection: 'INACTIVE' });
    app.templates.service.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
    const buckets = Object.values(resources(app.templates.data)).filter((r) => r.Type === 'AWS::S3::Bucket');
    expect(buckets.every((b) => (b as { DeletionPolicy?: string }).DeletionPolicy === 'Delete')).toBe(true);
    // The auto-delete function may empty the artifact bucket despite the bucket policy.
    const policies = JSON.stringify(Object.values(resources(app.templates.data)).filter((r) => r.Type === 'AWS::S3::BucketPolicy'));
    expect(policies).toContain('CustomS3AutoDeleteObjectsCustomResourceProviderRole');
  });
});
