import { Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { executeApiPolicyDocument } from '@mlflow-authz/iam/cdk';
// The renderer cdk-nag itself uses for the ids of IAM5 findings, so the ids below are exactly the findings'.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { GeneratedInputs } from '../generated-inputs.js';
import type { AccessStack } from '../stacks/access-stack.js';
import type { DataStack } from '../stacks/data-stack.js';
import type { ServiceStack } from '../stacks/service-stack.js';

/** One acknowledged cdk-nag finding: where, which rule (and finding), and why it is accepted. */
export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

const REASONS = {
  cognitoAuthorizer:
    'Browser routes use a Lambda REQUEST authorizer (Cognito JWT verified with aws-jwt-verify, groups mapped to permissions.yaml roles, per-operation decisions); /api/ uses AWS_IAM. A Cognito user-pool authorizer cannot decide per MLflow operation.',
  publicRoute:
    'Deliberately public: the UI shell (index.html and static files, loaded by browser navigation before anyone is logged in) and /mlflow-login.json (public OAuth client settings). Every other route has the Lambda authorizer or AWS_IAM; a test proves it.',
  requestValidation: 'A pure HTTP proxy to MLflow, which validates its own requests; API Gateway models cannot describe MLflow\'s bodies (artifacts are arbitrary bytes).',
  waf: 'No web ACL by default: AWS managed rule groups (e.g. body size limits) block MLflow artifact uploads and JSON payloads. Throttling, the authorizers and the resource-policy guard protect the API; README explains adding a web ACL.',
  apiGatewayLogsRole: 'The account-level role API Gateway writes CloudWatch logs with; AmazonAPIGatewayPushToCloudWatchLogs is the AWS-documented policy for it.',
  lambdaBasicExecution: 'The authorizer only writes its own logs; AWSLambdaBasicExecutionRole is exactly that.',
  ecrAuthorizationToken: 'The task execution role pulls the image: ecr:GetAuthorizationToken has no resource-level permissions (the rest of the statement is scoped to the repository and log group).',
  taskEnvironment: 'The environment holds non-secret settings only (bucket name, allowed hosts, CORS origins, flags); database credentials reach the container as ECS secrets from Secrets Manager.',
  albAccessLogs: 'Load balancer access logs need the deployment region, which an environment-agnostic synth does not know: set `region` in infra/config.ts to turn them on.',
  existingSubnets: 'An existing VPC is used as is: the app adds no route or gateway endpoint to it, so it needs no route table ids.',
  secretRotation: 'MLflow reads the database password once at start; an automatic rotation would break new connections until the tasks restart. README: rotate, then force a new deployment.',
  rdsIamAuth: 'MLflow (SQLAlchemy) connects with a password and cannot use RDS IAM authentication tokens.',
  mfaOptional: 'MFA is optional by configuration (infra/config.ts cognito.mfa); users can add an authenticator app, and setting "required" enforces it.',
  cognitoPlus: 'The Essentials plan keeps cost down; users are created by administrators only (no self sign-up). Threat protection needs the Plus plan: switch featurePlan if required.',
  artifactObjects: 'The MLflow server reads, writes and deletes any artifact under its prefix (the artifact proxy); no other principal may (bucket policy).',
  sagemakerList: 'SageMaker List*/Describe* read actions of Studio have no resource-level permissions.',
  studioResources: 'Studio names spaces and apps itself; the actions are limited to SageMaker domains, profiles, spaces and apps of this account and region.',
  studioLogs: 'Studio writes its apps\' logs under /aws/sagemaker/ with generated stream names.',
  executeApi:
    'Generated from permissions.yaml by iam-generator (generated/iam/policies/), proven at generation time to allow exactly the role\'s MLflow operations: IAM globs are the only way to cover MLflow\'s path parameters.',
} as const;

class Register {
  readonly acknowledgements: Acknowledgement[] = [];
  add(construct: IConstruct, id: string, reason: string): void {
    Validations.of(construct).acknowledge({ id, reason });
    this.acknowledgements.push({ path: construct.node.path, id, reason });
  }
}

/** The IAM5 finding ids of the wildcard resources of an Allow statement, rendered as cdk-nag renders them. */
function wildcardFindings(scope: IConstruct, statement: { Resource?: unknown }): string[] {
  const resources = Stack.of(scope).resolve(statement.Resource) as unknown;
  return (Array.isArray(resources) ? resources : [resources])
    .map((r) => flattenCfnReference(r))
    .filter((r) => r.includes('*'))
    .map((r) => `AwsSolutions-IAM5[Resource::${r}]`);
}

/** Acknowledges the wildcard resources of `document`'s Allow statements, with the reason of each statement's Sid (every one must have one). */
function acknowledgeWildcards(register: Register, construct: IConstruct, document: iam.PolicyDocument, reasons: Readonly<Record<string, string>>): void {
  const json = Stack.of(construct).resolve(document.toJSON()) as { Statement: { Sid?: string; Effect: string; Resource?: unknown }[] };
  for (const statement of json.Statement.filter((s) => s.Effect === 'Allow')) {
    const findings = wildcardFindings(construct, statement);
    if (findings.length === 0) continue;
    const reason = reasons[statement.Sid ?? ''];
    if (reason === undefined) throw new Error(`${construct.node.path}: statement ${statement.Sid ?? '(no Sid)'} has wildcard resources and no acknowledged reason`);
    for (const id of findings) register.add(construct, id, reason);
  }
}

/** The IAM5 finding ids of the wildcard Allow resources of one generated document, as placed on `policy`. */
function executeApiFindings(policy: IConstruct, restApi: string, stageName: string, document: GeneratedInputs['policies']['guard']): string[] {
  const resolved = Stack.of(policy).resolve(executeApiPolicyDocument(policy, { restApi, stageName }, document).toJSON()) as { Statement: { Effect: string; Resource: unknown }[] };
  return resolved.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => wildcardFindings(policy, s));
}

/**
 * Acknowledges every cdk-nag AwsSolutions finding the app has by design, each with its reason, and returns
 * the list (the report and the tests read it). The execute-api wildcards come from the generated documents.
 */
export function acknowledgeFindings(stacks: { data: DataStack; service: ServiceStack; access: AccessStack }, generated: GeneratedInputs, config: { mfa: 'optional' | 'required' }): readonly Acknowledgement[] {
  const register = new Register();
  const { data, service, access } = stacks;

  // Data
  if (data.network.existing) register.add(data.network, 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId', REASONS.existingSubnets);
  // On the cluster: its generated secret is a child of it (`cluster.secret` is the attachment).
  register.add(data.database.cluster, 'AwsSolutions-SMG4', REASONS.secretRotation);
  register.add(data.database.cluster, 'AwsSolutions-RDS6', REASONS.rdsIamAuth);
  if (config.mfa === 'optional') register.add(data.users.userPool, 'AwsSolutions-COG2', REASONS.mfaOptional);
  register.add(data.users.userPool, 'AwsSolutions-COG8', REASONS.cognitoPlus);
  const serverPolicy = data.artifacts.serverRole.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  if (serverPolicy !== undefined) acknowledgeWildcards(register, data.artifacts.serverRole, serverPolicy.document, { ArtifactObjects: REASONS.artifactObjects });

  // Service
  const api = service.api.api;
  register.add(api, 'AwsSolutions-COG4', REASONS.cognitoAuthorizer);
  register.add(api, 'AwsSolutions-APIG2', REASONS.requestValidation);
  register.add(api.deploymentStage, 'AwsSolutions-APIG3', REASONS.waf);
  for (const method of service.api.publicMethods) register.add(method, 'AwsSolutions-APIG4', REASONS.publicRoute);
  const cloudWatchRole = api.node.tryFindChild('CloudWatchRole');
  if (cloudWatchRole !== undefined) register.add(cloudWatchRole, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]', REASONS.apiGatewayLogsRole);
  const authorizerRole = service.authorizer.function.role;
  if (authorizerRole !== undefined) register.add(authorizerRole, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', REASONS.lambdaBasicExecution);
  for (const taskDefinition of [service.mlflow.service.taskDefinition, service.mlflow.dbUpgradeTask]) {
    register.add(taskDefinition, 'AwsSolutions-ECS2', REASONS.taskEnvironment);
    register.add(taskDefinition.obtainExecutionRole(), 'AwsSolutions-IAM5[Resource::*]', REASONS.ecrAuthorizationToken);
  }
  if (!service.mlflow.accessLogsEnabled) register.add(service.mlflow.loadBalancer, 'AwsSolutions-ELB2', REASONS.albAccessLogs);

  // Access
  const studio = access.access.studioPolicy;
  acknowledgeWildcards(register, studio, studio.document, { StudioSpacesAndApps: REASONS.studioResources, StudioReads: REASONS.sagemakerList, StudioLogs: REASONS.studioLogs });
  const stageName = generated.authorizer.apiStageName;
  for (const [role, policies] of access.access.rolePolicies) {
    const documents = generated.policies.documents.get(role) ?? [];
    documents.forEach((document, i) => {
      const policy = policies.managedPolicies[i];
      if (policy === undefined) throw new Error(`role ${role}: no managed policy for generated document ${i + 1}`);
      for (const id of new Set(executeApiFindings(policy, access.restApiId, stageName, document))) register.add(policy, id, REASONS.executeApi);
    });
  }
  return register.acknowledgements;
}
