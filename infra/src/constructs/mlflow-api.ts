import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { AuthorizerDeployment } from '@mlflow-authz/authorizer/deployment';
import type { ResourcePolicyJson } from '@mlflow-authz/iam/cdk';
import { ownApiResourcePolicyGuard } from '@mlflow-authz/iam/cdk';
import { accessLogFormat } from '../api/access-log-format.js';
import type { PlannedRoute } from '../api/route-plan.js';
import { planRoutes } from '../api/route-plan.js';
import type { ApiConfig } from '../config/deployment-config.js';

/** Header the `GET /` integration adds with `$context.path`, for the load balancer's bare-stage redirect. */
export const STAGE_PATH_HEADER = 'X-Mlflow-Authz-Request-Path';

export interface MlflowApiProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly stageName: string;
  /** How API Gateway must call the authorizer: its identity sources and cache TTL (`@mlflow-authz/authorizer/deployment`). */
  readonly authorizerDeployment: AuthorizerDeployment;
  readonly authorizerFunction: lambda.IFunction;
  /** generated/iam/api-resource-policy-guard.json. */
  readonly resourcePolicy: ResourcePolicyJson;
  /** The login configuration document's JSON (tokens allowed). */
  readonly loginConfigJson: string;
  readonly config: ApiConfig;
}

/**
 * The REST API in front of MLflow: private integration through a VPC link V2 to the internal ALB, the Lambda
 * authorizer on the browser surface (bearer token; the cookie on the artifact reads a browser makes without
 * JavaScript), AWS_IAM on `/api/{proxy+}` with the resource-policy guard, the public UI shell and login
 * configuration, JSON access logs, throttling, and optionally a custom domain.
 */
export class MlflowApi extends Construct {
  readonly api: apigw.RestApi;
  readonly routes: readonly PlannedRoute[];
  readonly vpcLink: apigwv2.VpcLink;
  readonly bearerAuthorizer: apigw.RequestAuthorizer;
  readonly cookieAuthorizer: apigw.RequestAuthorizer;
  /** `https://API_ID.execute-api.REGION.URL_SUFFIX`: built from the id, not the stage (which depends on every method). */
  readonly executeApiOrigin: string;
  /** The UI's base URL on the execute-api host: `https://…/STAGE/`. */
  readonly stageUrl: string;
  /** The UI's base URL on the custom domain, if any: `https://DOMAIN/`. */
  readonly customDomainUrl?: string;
  /** The public methods (authorization NONE), for the cdk-nag acknowledgements. */
  readonly publicMethods: readonly apigw.Method[] = [];

  constructor(scope: Construct, id: string, props: MlflowApiProps) {
    super(scope, id);
    const { config, stageName } = props;
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: config.accessLogRetentionDays as logs.RetentionDays, removalPolicy: RemovalPolicy.DESTROY });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Aws.STACK_NAME}-mlflow`,
      description: 'MLflow: UI with Cognito (Lambda authorizer), /api/ with IAM (SigV4)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // Artifact bodies pass through as bytes; browsers' mixed Accept lists need the wildcard.
      binaryMediaTypes: ['*/*'],
      policy: ownApiResourcePolicyGuard(stageName, props.resourcePolicy),
      cloudWatchRole: config.manageAccountCloudWatchRole,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: config.throttlingRateLimit,
        throttlingBurstLimit: config.throttlingBurstLimit,
      },
    });
    this.executeApiOrigin = `https://${this.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.stageUrl = `${this.executeApiOrigin}/${stageName}/`;

    const linkSecurityGroup = new ec2.SecurityGroup(this, 'VpcLinkSecurityGroup', { vpc: props.vpc, description: 'API Gateway VPC link to the MLflow load balancer', allowAllOutbound: false });
    props.loadBalancer.connections.allowFrom(linkSecurityGroup, ec2.Port.tcp(80), 'API Gateway VPC link');
    linkSecurityGroup.connections.allowTo(props.loadBalancer, ec2.Port.tcp(80), 'MLflow load balancer');
    this.vpcLink = new apigwv2.VpcLink(this, 'VpcLink', { vpc: props.vpc, subnets: props.subnets, securityGroups: [linkSecurityGroup] });

    const deployment = props.authorizerDeployment;
    const ttl = Duration.seconds(deployment.cacheTtlSeconds);
    this.bearerAuthorizer = new apigw.RequestAuthorizer(this, 'BearerAuthorizer', {
      handler: props.authorizerFunction,
      identitySources: [...deployment.bearerIdentitySources],
      resultsCacheTtl: ttl,
    });
    this.cookieAuthorizer = new apigw.RequestAuthorizer(this, 'CookieAuthorizer', {
      handler: props.authorizerFunction,
      identitySources: [...deployment.cookieIdentitySources],
      resultsCacheTtl: ttl,
    });

    this.routes = planRoutes();
    const publicMethods: apigw.Method[] = [];
    for (const route of this.routes) {
      const method = this.addRoute(route, props);
      if (route.authorization === 'none') publicMethods.push(method);
    }
    this.publicMethods = publicMethods;
    // The VPC link and target are L1 overrides, which the deployment's hash does not see: add them.
    this.api.latestDeployment?.addToLogicalId({ vpcLink: this.vpcLink.vpcLinkId, target: props.loadBalancer.loadBalancerArn });

    // The bare stage URL (`…/prod`) reaches `GET /` like `…/prod/`, but the UI's relative URLs need the slash.
    new elbv2.ApplicationListenerRule(this, 'BareStageRedirect', {
      listener: props.listener,
      priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/']), elbv2.ListenerCondition.httpHeader(STAGE_PATH_HEADER, [`/${stageName}`])],
      action: elbv2.ListenerAction.redirect({
        protocol: 'HTTPS',
        host: `${this.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
        port: '443',
        path: `/${stageName}/`,
        permanent: true,
      }),
    });

    if (config.customDomain !== undefined) {
      const domain = this.api.addDomainName('CustomDomain', {
        domainName: config.customDomain.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.customDomain.certificateArn),
        endpointType: apigw.EndpointType.REGIONAL,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      this.customDomainUrl = `https://${config.customDomain.domainName}/`;
      if (config.customDomain.hostedZone !== undefined) {
        const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', config.customDomain.hostedZone);
        new route53.ARecord(this, 'Alias', { zone, recordName: config.customDomain.domainName, target: route53.RecordTarget.fromAlias(new targets.ApiGatewayDomain(domain)) });
      }
    }
  }

  private addRoute(route: PlannedRoute, props: MlflowApiProps): apigw.Method {
    const resource = route.resourcePath === '/' ? this.api.root : this.api.root.resourceForPath(route.resourcePath);
    const auth = this.authorization(route);
    if (route.target === 'login-config') {
      return resource.addMethod(route.method, loginConfigIntegration(props.loginConfigJson), {
        ...auth,
        methodResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Content-Type': true, 'method.response.header.Cache-Control': true } }],
      });
    }
    const variables = [...route.resourcePath.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1] as string);
    const path = route.resourcePath.replace('{proxy+}', '{proxy}');
    const requestParameters: Record<string, string> = Object.fromEntries(variables.map((v) => [`integration.request.path.${v}`, `method.request.path.${v}`]));
    if (route.resourcePath === '/') requestParameters[`integration.request.header.${STAGE_PATH_HEADER}`] = 'context.path';
    const integration = new apigw.HttpIntegration(`http://${props.loadBalancer.loadBalancerDnsName}${path}`, {
      httpMethod: 'ANY',
      proxy: true,
      options: { requestParameters },
    });
    const method = resource.addMethod(route.method, integration, {
      ...auth,
      requestParameters: Object.fromEntries(variables.map((v) => [`method.request.path.${v}`, true])),
    });
    const cfn = method.node.defaultChild as apigw.CfnMethod;
    cfn.addPropertyOverride('Integration.ConnectionType', 'VPC_LINK');
    cfn.addPropertyOverride('Integration.ConnectionId', this.vpcLink.vpcLinkId);
    cfn.addPropertyOverride('Integration.IntegrationTarget', props.loadBalancer.loadBalancerArn);
    return method;
  }

  private authorization(route: PlannedRoute): apigw.MethodOptions {
    switch (route.authorization) {
      case 'none':
        return { authorizationType: apigw.AuthorizationType.NONE };
      case 'iam':
        return { authorizationType: apigw.AuthorizationType.IAM };
      case 'bearer':
        return { authorizationType: apigw.AuthorizationType.CUSTOM, authorizer: this.bearerAuthorizer };
      case 'cookie':
        return { authorizationType: apigw.AuthorizationType.CUSTOM, authorizer: this.cookieAuthorizer };
    }
  }
}

/**
 * The login configuration as a MOCK integration: API Gateway answers it itself, so changing Cognito settings
 * never rebuilds the image. CONVERT_TO_TEXT both ways: with `*\/*` binary media types a MOCK integration
 * otherwise treats the request as binary and fails.
 */
function loginConfigIntegration(json: string): apigw.MockIntegration {
  return new apigw.MockIntegration({
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: apigw.PassthroughBehavior.WHEN_NO_TEMPLATES,
    contentHandling: apigw.ContentHandling.CONVERT_TO_TEXT,
    integrationResponses: [
      {
        statusCode: '200',
        contentHandling: apigw.ContentHandling.CONVERT_TO_TEXT,
        responseTemplates: { 'application/json': json },
        responseParameters: { 'method.response.header.Content-Type': "'application/json'", 'method.response.header.Cache-Control': "'no-cache'" },
      },
    ],
  });
}
