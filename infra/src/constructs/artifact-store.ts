import { CustomResourceProviderBase, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ArtifactsConfig } from '../config/deployment-config.js';

export interface ArtifactStoreProps {
  readonly config: ArtifactsConfig;
  readonly removal: 'retain' | 'destroy';
}

/** Object-level S3 actions: reads, writes, deletes and listings of the artifacts. */
const DATA_ACTIONS = ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:RestoreObject', 's3:ReplicateObject'];
const LISTING_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'];

/**
 * The artifact bucket (encrypted, SSL only, public access blocked, versioned, access-logged, incomplete
 * multipart uploads aborted) and the MLflow server's task role, the only principal that may touch its data:
 * MLflow serves artifacts through its proxy (`--serve-artifacts`), so clients need no S3 access, and the
 * bucket policy denies object reads, writes and listings to every other principal of the account, whatever
 * their own IAM policies say.
 */
export class ArtifactStore extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  /** The ECS task role of the MLflow server (assumed by ecs-tasks.amazonaws.com). */
  readonly serverRole: iam.Role;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: ArtifactStoreProps) {
    super(scope, id);
    const removal = props.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const autoDeleteObjects = props.removal === 'destroy';
    this.prefix = props.config.prefix;
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: removal,
      autoDeleteObjects,
    });
    this.bucket = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(props.config.abortIncompleteMultipartUploadDays) },
        { noncurrentVersionExpiration: Duration.days(props.config.noncurrentVersionExpirationDays) },
      ],
      removalPolicy: removal,
      autoDeleteObjects,
    });

    this.serverRole = new iam.Role(this, 'ServerTaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'MLflow server (ECS task): the only principal that reads and writes the artifact bucket',
    });
    const objects = this.bucket.arnForObjects(`${this.prefix}/*`);
    // Presigned multipart and download URLs are signed with these credentials, so they carry the same rights.
    this.serverRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ArtifactObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [objects],
      }),
    );
    this.serverRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ArtifactListing',
        actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${this.prefix}/*`, this.prefix] } },
      }),
    );
    // Everyone else is denied the data, even with s3:* in their own policies. Bucket management (policy,
    // configuration) stays with the account's administrators, so the bucket can still be emptied on teardown.
    const allowed = [this.serverRole.roleArn, ...(autoDeleteObjects ? [autoDeleteRoleArn(this)] : [])];
    const notServer = { ArnNotEquals: { 'aws:PrincipalArn': allowed } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheMlflowServerTouchesObjects',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: DATA_ACTIONS,
        resources: [this.bucket.arnForObjects('*')],
        conditions: notServer,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheMlflowServerListsObjects',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: LISTING_ACTIONS,
        resources: [this.bucket.bucketArn],
        conditions: notServer,
      }),
    );
  }
}

/** The role of CDK's auto-delete-objects provider (one per stack), which empties the bucket on `cdk destroy`. */
function autoDeleteRoleArn(scope: Construct): string {
  const provider = Stack.of(scope).node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
  if (!(provider instanceof CustomResourceProviderBase)) throw new Error('the auto-delete-objects provider was not found');
  return provider.roleArn;
}
