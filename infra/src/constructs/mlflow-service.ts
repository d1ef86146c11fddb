import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config/deployment-config.js';
import { Database, POSTGRES_PORT } from './database.js';
import { ALB_IDLE_TIMEOUT_SECONDS, DB_UPGRADE_COMMAND, MLFLOW_PORT, serverCommand } from './mlflow-command.js';
import { mlflowServerImage } from './mlflow-image.js';

export interface MlflowServiceProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly config: ServiceConfig;
  /** The database's secret (username, password, host, port) and its security group. */
  readonly databaseSecret: secretsmanager.ISecret;
  readonly databaseConnections: ec2.Connections;
  /** Whether the database may pause (then no connection pool keeps it awake). */
  readonly databaseMayPause: boolean;
  readonly artifactBucket: s3.IBucket;
  readonly artifactPrefix: string;
  /** The task role: the one principal allowed to touch the artifact bucket. */
  readonly taskRole: iam.IRole;
  /** Origins the UI is served from (CORS for the UI's POSTs). */
  readonly uiOrigins: readonly string[];
  readonly accessLogBucket: s3.IBucket;
}

/**
 * MLflow on ECS Fargate in private subnets behind an internal Application Load Balancer: health check on
 * /health, a start-up grace period, the deployment circuit breaker with rollback, and a task definition for
 * the one-off `mlflow db upgrade`.
 */
export class MlflowService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly service: ecs.FargateService;
  readonly dbUpgradeTask: ecs.FargateTaskDefinition;
  readonly serviceSecurityGroup: ec2.SecurityGroup;
  /** Load balancer access logs are on when the region is configured (infra/config.ts `region`). */
  readonly accessLogsEnabled: boolean;

  constructor(scope: Construct, id: string, props: MlflowServiceProps) {
    super(scope, id);
    const { config } = props;
    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const image = mlflowServerImage();
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const secrets = {
      DB_USER: ecs.Secret.fromSecretsManager(props.databaseSecret, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(props.databaseSecret, 'password'),
      DB_HOST: ecs.Secret.fromSecretsManager(props.databaseSecret, 'host'),
      DB_PORT: ecs.Secret.fromSecretsManager(props.databaseSecret, 'port'),
    };

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      internetFacing: false,
      idleTimeout: Duration.seconds(ALB_IDLE_TIMEOUT_SECONDS),
      dropInvalidHeaderFields: true,
    });
    // ELB's log-delivery principal depends on the region, which an environment-agnostic synth does not know.
    this.accessLogsEnabled = !Token.isUnresolved(Stack.of(this).region);
    if (this.accessLogsEnabled) this.loadBalancer.logAccessLogs(props.accessLogBucket, 'alb');
    // The API's Host header is the load balancer's DNS name (API Gateway sets it from the integration URI).
    const allowedHosts = [this.loadBalancer.loadBalancerDnsName, `${this.loadBalancer.loadBalancerDnsName}:*`].join(',');

    const environment: Record<string, string> = {
      DB_NAME: Database.DATABASE_NAME,
      ARTIFACT_BUCKET: props.artifactBucket.bucketName,
      ARTIFACT_PREFIX: props.artifactPrefix,
      MLFLOW_SERVER_ALLOWED_HOSTS: allowedHosts,
      MLFLOW_SERVER_CORS_ALLOWED_ORIGINS: props.uiOrigins.join(','),
      MLFLOW_DISABLE_TELEMETRY: 'true',
      // Harmless where the server does not read it; where it does, server-info advertises multipart uploads.
      MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: 'true',
      ...(props.databaseMayPause ? { MLFLOW_SQLALCHEMYSTORE_POOLCLASS: 'NullPool' } : {}),
    };

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Server', {
      cpu: config.cpu,
      memoryLimitMiB: config.memoryMiB,
      ephemeralStorageGiB: config.ephemeralStorageGiB,
      taskRole: props.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    taskDefinition.addContainer('mlflow', {
      image,
      entryPoint: ['sh', '-c'],
      command: [serverCommand(config.workers)],
      environment,
      secrets,
      portMappings: [{ containerPort: MLFLOW_PORT }],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'server' }),
    });

    this.serviceSecurityGroup = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', { vpc: props.vpc, description: 'MLflow tasks: from the load balancer only', allowAllOutbound: true });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: config.desiredCount,
      vpcSubnets: props.subnets,
      securityGroups: [this.serviceSecurityGroup],
      assignPublicIp: false,
      healthCheckGracePeriod: Duration.seconds(config.healthCheckGracePeriodSeconds),
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    });
    // The rule lives in this stack (on an imported copy of the database's group): the data stack must not
    // refer to the service stack, which depends on it.
    for (const [i, group] of props.databaseConnections.securityGroups.entries()) {
      ec2.SecurityGroup.fromSecurityGroupId(this, `DatabaseSecurityGroup${i}`, group.securityGroupId, { allowAllOutbound: false })
        .addIngressRule(this.serviceSecurityGroup, ec2.Port.tcp(POSTGRES_PORT), 'MLflow tasks');
    }

    this.listener = this.loadBalancer.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false });
    this.listener.addTargets('Mlflow', {
      port: MLFLOW_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: '/health', healthyHttpCodes: '200', interval: Duration.seconds(30), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
      deregistrationDelay: Duration.seconds(30),
    });

    // `mlflow db upgrade`: run once (README "Upgrading MLflow") before the service moves to a newer MLflow.
    this.dbUpgradeTask = new ecs.FargateTaskDefinition(this, 'DbUpgrade', {
      cpu: 512,
      memoryLimitMiB: 1024,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.dbUpgradeTask.addContainer('mlflow', {
      image,
      entryPoint: ['sh', '-c'],
      command: [DB_UPGRADE_COMMAND],
      environment: { DB_NAME: Database.DATABASE_NAME },
      secrets,
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'db-upgrade' }),
    });
  }
}
