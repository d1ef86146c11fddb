// The shape of infra/config.ts: every deployment choice of the CDK app, typed and documented in one place.
// Who may do what (roles, groups, SageMaker profiles, the stage name, the authorizer cache TTL) is NOT here:
// it comes from permissions.yaml through generated/.

/** An existing VPC, given by ids (no lookup, so `cdk synth` needs no AWS credentials). */
export interface ExistingVpcConfig {
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  /** The availability zones of the subnets, in the same order. */
  readonly availabilityZones: readonly string[];
  /** Private subnets with a route to the internet (NAT) or the needed VPC endpoints: tasks, database, VPC link, Studio. */
  readonly privateSubnetIds: readonly string[];
}

export interface NetworkConfig {
  /** Use this VPC instead of creating one. */
  readonly existingVpc?: ExistingVpcConfig;
  /** NAT gateways of a created VPC (1 is cheapest; one per AZ survives an AZ outage). */
  readonly natGateways: number;
}

export interface ServiceConfig {
  /** Fargate task size: vCPU units (1024 = 1 vCPU) and memory. */
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  /** uvicorn workers per task (`mlflow server --workers`); each holds its own database pool. */
  readonly workers: number;
  /** Fargate ephemeral storage; proxied artifact uploads are spooled here (21–200 GiB). */
  readonly ephemeralStorageGiB: number;
  /** Time the service ignores failing health checks after a task starts (image pull, migrations, Aurora resume). */
  readonly healthCheckGracePeriodSeconds: number;
}

export interface DatabaseConfig {
  /** Aurora Serverless v2 capacity in ACUs; a minimum of 0 lets the instance pause when idle. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** With minCapacity 0: idle minutes before the instance pauses (5–1440). */
  readonly autoPauseMinutes: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
}

export interface ArtifactsConfig {
  /** Key prefix of MLflow's artifacts in the bucket (`--artifacts-destination s3://BUCKET/PREFIX`). */
  readonly prefix: string;
  /** Days an overwritten or deleted artifact version is kept (the bucket is versioned). */
  readonly noncurrentVersionExpirationDays: number;
  /** Days after which S3 aborts an unfinished multipart upload. */
  readonly abortIncompleteMultipartUploadDays: number;
}

/** A custom domain for the UI and the API, with an ACM certificate in the deployment region. */
export interface CustomDomainConfig {
  readonly domainName: string;
  readonly certificateArn: string;
  /** If given, an alias record for `domainName` is created in this Route 53 zone. */
  readonly hostedZone?: { readonly hostedZoneId: string; readonly zoneName: string };
}

export interface ApiConfig {
  /** Stage-wide throttling (requests per second, burst). */
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly customDomain?: CustomDomainConfig;
  /** Days the stage's access logs are kept. */
  readonly accessLogRetentionDays: number;
  /**
   * Create the account-level role API Gateway uses to write logs (`AWS::ApiGateway::Account`). It is one
   * setting per account and region: leave true unless another stack in this account and region manages it.
   */
  readonly manageAccountCloudWatchRole: boolean;
}

export interface CognitoConfig {
  /**
   * Prefix of the managed-login domain `PREFIX.auth.REGION.amazoncognito.com`, unique in the region across all
   * AWS accounts. Default: `mlflow-ACCOUNT_ID`.
   */
  readonly domainPrefix?: string;
  /** 'optional': users may add an authenticator app; 'required': every user must. */
  readonly mfa: 'optional' | 'required';
  /** Lifetime of ID and access tokens (5–1440 minutes); the refresh token lives `refreshTokenValidityDays`. */
  readonly tokenValidityMinutes: number;
  readonly refreshTokenValidityDays: number;
}

/** Where the SageMaker user profiles bound in permissions.yaml are created. */
export type SageMakerDomainConfig =
  | { readonly kind: 'new'; readonly domainName: string }
  | { readonly kind: 'existing'; readonly domainId: string }
  /** Execution roles only; no domain, no user profiles. */
  | { readonly kind: 'none' };

export interface SageMakerConfig {
  readonly domain: SageMakerDomainConfig;
}

/** Every deployment choice of the app. */
export interface MlflowDeploymentConfig {
  /** Prefix of the stack names (`PREFIX-Data`, `PREFIX-Service`, `PREFIX-SageMaker`). */
  readonly stackPrefix: string;
  /** Deployment region; when absent, the region of the AWS CLI profile `cdk deploy` runs with. */
  readonly region?: string;
  readonly network: NetworkConfig;
  readonly service: ServiceConfig;
  readonly database: DatabaseConfig;
  readonly artifacts: ArtifactsConfig;
  readonly api: ApiConfig;
  readonly cognito: CognitoConfig;
  readonly sagemaker: SageMakerConfig;
  /**
   * What `cdk destroy` does with the data (database, artifact bucket, user pool): 'retain' keeps them (the
   * database as a snapshot), 'destroy' deletes them with their contents. Use 'destroy' for throwaway installs.
   */
  readonly dataRemoval: 'retain' | 'destroy';
}
