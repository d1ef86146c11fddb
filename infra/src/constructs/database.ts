import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DatabaseConfig } from '../config/deployment-config.js';

/** The cluster's port (Aurora PostgreSQL's default, which the cluster keeps). */
export const POSTGRES_PORT = 5432;

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly config: DatabaseConfig;
  readonly removal: 'retain' | 'destroy';
}

/** MLflow's backend store: Aurora Serverless v2 PostgreSQL, encrypted, its credentials in Secrets Manager. */
export class Database extends Construct {
  static readonly DATABASE_NAME = 'mlflow';
  readonly cluster: rds.DatabaseCluster;
  /** JSON secret with `username`, `password`, `host`, `port` (injected into the tasks as ECS secrets). */
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { config } = props;
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_7 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      serverlessV2MinCapacity: config.minCapacity,
      serverlessV2MaxCapacity: config.maxCapacity,
      ...(config.minCapacity === 0 ? { serverlessV2AutoPauseDuration: Duration.minutes(config.autoPauseMinutes) } : {}),
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      // The generated password leaves out characters that would need escaping in the postgresql:// URI.
      credentials: rds.Credentials.fromGeneratedSecret('mlflow'),
      defaultDatabaseName: Database.DATABASE_NAME,
      port: POSTGRES_PORT,
      storageEncrypted: true,
      deletionProtection: config.deletionProtection,
      backup: { retention: Duration.days(config.backupRetentionDays) },
      cloudwatchLogsExports: ['postgresql'],
      removalPolicy: props.removal === 'retain' ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    });
    if (this.cluster.secret === undefined) throw new Error('the database cluster has no generated secret');
    this.secret = this.cluster.secret;
  }
}
