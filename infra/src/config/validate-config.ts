import type { MlflowDeploymentConfig } from './deployment-config.js';

/** A configuration value outside what AWS or the app accepts; the message names the setting and the limit. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Fargate's valid CPU/memory pairs (MiB): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
const FARGATE_MEMORY: Readonly<Record<number, readonly [number, number, number]>> = {
  256: [512, 2048, 1024],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

// CloudWatch Logs' retention periods (days).
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Returns `config` unchanged, or throws a ConfigError listing every problem (`setting: problem`). */
export function validateConfig(config: MlflowDeploymentConfig): MlflowDeploymentConfig {
  const problems: string[] = [];
  const check = (ok: boolean, setting: string, problem: string) => {
    if (!ok) problems.push(`${setting}: ${problem}`);
  };
  const between = (value: number, min: number, max: number, setting: string) =>
    check(Number.isFinite(value) && value >= min && value <= max, setting, `${value} is not between ${min} and ${max}`);

  check(/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(config.stackPrefix), 'stackPrefix', 'letters, digits and hyphens, starting with a letter');
  if (config.region !== undefined) check(REGION.test(config.region), 'region', `"${config.region}" is not a region name such as eu-west-1`);

  const { service, database, artifacts, api, cognito, network, sagemaker } = config;
  const memory = FARGATE_MEMORY[service.cpu];
  if (memory === undefined) problems.push(`service.cpu: ${service.cpu} is not a Fargate size (${Object.keys(FARGATE_MEMORY).join(', ')})`);
  else {
    const [min, max, step] = memory;
    check(service.memoryMiB >= min && service.memoryMiB <= max && service.memoryMiB % step === 0, 'service.memoryMiB', `${service.memoryMiB} does not go with cpu ${service.cpu} (${min}–${max} in steps of ${step})`);
  }
  // 0 stops the service (README: Upgrading MLflow).
  between(service.desiredCount, 0, 100, 'service.desiredCount');
  between(service.workers, 1, 64, 'service.workers');
  between(service.ephemeralStorageGiB, 21, 200, 'service.ephemeralStorageGiB');
  between(service.healthCheckGracePeriodSeconds, 60, 3600, 'service.healthCheckGracePeriodSeconds');

  between(database.minCapacity, 0, 256, 'database.minCapacity');
  between(database.maxCapacity, Math.max(1, database.minCapacity), 256, 'database.maxCapacity');
  check(Number.isInteger(database.minCapacity * 2) && Number.isInteger(database.maxCapacity * 2), 'database', 'capacities are in steps of 0.5 ACU');
  between(database.autoPauseMinutes, 5, 1440, 'database.autoPauseMinutes');
  between(database.backupRetentionDays, 1, 35, 'database.backupRetentionDays');

  check(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(artifacts.prefix), 'artifacts.prefix', 'an S3 key prefix without leading or trailing "/"');
  between(artifacts.noncurrentVersionExpirationDays, 1, 3650, 'artifacts.noncurrentVersionExpirationDays');
  between(artifacts.abortIncompleteMultipartUploadDays, 1, 365, 'artifacts.abortIncompleteMultipartUploadDays');

  between(api.throttlingRateLimit, 1, 10000, 'api.throttlingRateLimit');
  between(api.throttlingBurstLimit, 1, 5000, 'api.throttlingBurstLimit');
  check(LOG_RETENTION_DAYS.includes(api.accessLogRetentionDays), 'api.accessLogRetentionDays', `one of CloudWatch Logs' periods: ${LOG_RETENTION_DAYS.join(', ')}`);
  if (api.customDomain !== undefined) {
    check(/^arn:aws[a-z-]*:acm:/.test(api.customDomain.certificateArn), 'api.customDomain.certificateArn', 'an ACM certificate ARN');
    check(/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(api.customDomain.domainName), 'api.customDomain.domainName', 'a lower-case host name');
  }

  if (cognito.domainPrefix !== undefined) check(DOMAIN_PREFIX.test(cognito.domainPrefix) && !/aws|amazon|cognito/.test(cognito.domainPrefix), 'cognito.domainPrefix', 'lower-case letters, digits and hyphens, without "aws", "amazon" or "cognito"');
  between(cognito.tokenValidityMinutes, 5, 1440, 'cognito.tokenValidityMinutes');
  between(cognito.refreshTokenValidityDays, 1, 3650, 'cognito.refreshTokenValidityDays');

  between(network.natGateways, 1, 3, 'network.natGateways');
  if (network.existingVpc !== undefined) {
    const vpc = network.existingVpc;
    check(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(vpc.vpcId), 'network.existingVpc.vpcId', 'a VPC id (vpc- and 8 or 17 hexadecimal digits)');
    check(vpc.privateSubnetIds.length >= 2 && vpc.privateSubnetIds.every((s) => /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/.test(s)), 'network.existingVpc.privateSubnetIds', 'at least two subnet ids (subnet- and 8 or 17 hexadecimal digits), in different zones');
    check(vpc.availabilityZones.length === vpc.privateSubnetIds.length, 'network.existingVpc.availabilityZones', 'one zone per private subnet');
  }
  if (sagemaker.domain.kind === 'existing') check(/^d-[a-z0-9]+$/.test(sagemaker.domain.domainId), 'sagemaker.domain.domainId', 'a SageMaker domain id (d-…)');
  if (sagemaker.domain.kind === 'new') check(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(sagemaker.domain.domainName), 'sagemaker.domain.domainName', 'letters, digits and hyphens, at most 63');

  if (problems.length > 0) throw new ConfigError(`infra/config.ts has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return config;
}
