// The deployment's settings: edit this file, then `npx cdk deploy --all`. Every field is documented in
// infra/src/config/deployment-config.ts. Roles, Cognito groups, SageMaker user profiles, the API stage name
// and the authorizer cache TTL live in permissions.yaml (then `npm run generate`), not here.
import type { MlflowDeploymentConfig } from './src/config/deployment-config.js';

export const config: MlflowDeploymentConfig = {
  stackPrefix: 'Mlflow',
  // region: 'eu-west-1',          // default: the region of the AWS profile cdk runs with
  network: {
    // existingVpc: { vpcId: 'vpc-…', vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-…', 'subnet-…'] },
    natGateways: 1,
  },
  service: {
    cpu: 1024,
    memoryMiB: 4096,
    desiredCount: 1,
    workers: 4,
    ephemeralStorageGiB: 40,
    healthCheckGracePeriodSeconds: 300,
  },
  database: {
    minCapacity: 0,
    maxCapacity: 4,
    autoPauseMinutes: 30,
    backupRetentionDays: 7,
    deletionProtection: true,
  },
  artifacts: {
    prefix: 'mlflow-artifacts',
    noncurrentVersionExpirationDays: 30,
    abortIncompleteMultipartUploadDays: 7,
  },
  api: {
    throttlingRateLimit: 100,
    throttlingBurstLimit: 200,
    // customDomain: { domainName: 'mlflow.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/…', hostedZone: { hostedZoneId: 'Z…', zoneName: 'example.com' } },
    accessLogRetentionDays: 90,
    manageAccountCloudWatchRole: true,
  },
  cognito: {
    // domainPrefix: 'my-team-mlflow',   // default: mlflow-ACCOUNT_ID
    mfa: 'optional',
    tokenValidityMinutes: 60,
    refreshTokenValidityDays: 30,
  },
  sagemaker: {
    domain: { kind: 'new', domainName: 'mlflow' },
    // domain: { kind: 'existing', domainId: 'd-xxxxxxxxxxxx' },
  },
  dataRemoval: 'retain',
};
