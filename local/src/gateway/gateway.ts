import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { publicRoutes } from '@mlflow-authz/authorizer/deployment';
import { CATALOGUE, Router } from '@mlflow-authz/core';
import type { BrowserAuthorization } from '../authorizer/browser-authorization.js';
import type { HttpIntegration, IntegrationResult } from '../backend/proxy.js';
import type { Generated } from '../generated/read-generated.js';
import { readBody } from '../http/read-body.js';
import { evaluatePolicies } from '../iam/policy.js';
import type { LocalApi } from '../local-api.js';
import { methodArn } from '../local-api.js';
import type { AccessLogSink, AccessRecord } from './access-log.js';
import { accessLine } from './access-log.js';
import type { ApiResource } from './api-resources.js';
import { anyResourceMatches, resourceMatches, resourcesOf } from './api-resources.js';
import type { IamAuthorization } from './iam-authorization.js';
import type { GatewayRequest } from './incoming.js';
import { gatewayRequest } from './incoming.js';
import type { LoginConfig } from './login-config.js';
import { LOGIN_CONFIG_PATH } from './login-config.js';
import type { GatewayAnswer } from './responses.js';
import { ANSWERS, iamDenied, MAX_PAYLOAD_BYTES, sendAnswer, signatureRefused } from './responses.js';
import { uiFile } from './ui-folder.js';

/** Methods and resources served without authorization, as infra defines them: the UI shell and the login document. */
export const PUBLIC_RESOURCES: readonly ApiResource[] = [...resourcesOf(publicRoutes()), { path: LOGIN_CONFIG_PATH, methods: new Set(['GET']) }];

/** The AWS_IAM resource. */
export const IAM_RESOURCE: ApiResource = { path: '/api/{proxy+}', methods: new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) };

/** Everything the gateway's request handling uses. */
export interface GatewayOptions {
  readonly api: LocalApi;
  readonly generated: Generated;
  readonly browser: BrowserAuthorization;
  readonly iam: IamAuthorization;
  readonly integration: HttpIntegration;
  /** The login document for a UI at the given base URL (ending in `/`). */
  readonly loginConfig: (baseUrl: string) => LoginConfig;
  /** The base URL to use when the Host header is not a loopback name of this gateway. */
  readonly baseUrl: string;
  readonly port: number;
  /** A built MLflow UI folder to serve `GET /` and `GET /static-files/…` from, instead of the backend. */
  readonly uiFolder?: string;
  readonly accessLog: AccessLogSink;
  readonly maxPayloadBytes?: number;
}

type Outcome = Omit<AccessRecord, 'requestId' | 'time' | 'ip' | 'method' | 'path' | 'latencyMs' | 'policyVersion' | 'operation'>;

/**
 * The local API Gateway: `/{stage}` redirects to `/{stage}/`; under it, the public resources are served without
 * authorization, `/api/{proxy+}` is AWS_IAM (SigV4 + the generated IAM documents), and everything else goes through
 * the Lambda authorizer with API Gateway's result cache; the API's resource policy is evaluated for every request
 * first. Allowed requests go to the HTTP integration; every request writes one access log line.
 */
export function serveGateway(server: Server, options: GatewayOptions): void {
  const router = new Router(CATALOGUE);
  const max = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const stagePrefix = `/${options.api.stage}`;
  const loopbackHosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`, `[::1]:${options.port}`]);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const log = (outcome: Outcome, operation?: string) => {
      const record: AccessRecord = {
        requestId,
        time: new Date().toISOString(),
        ip: req.socket.remoteAddress ?? '',
        method: req.method ?? '',
        path: rawPath,
        ...outcome,
        ...(operation === undefined ? {} : { operation }),
        latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
        policyVersion: options.generated.policyVersion,
      };
      options.accessLog(accessLine(record));
    };
    handle(req, res, requestId, rawPath, rawQuery, log).catch((error: unknown) => {
      const length = sendAnswer(res, requestId, { ...ANSWERS.badGateway, status: 500, detail: 'local gateway error' });
      log({ status: 500, surface: 'none', decision: 'error', reason: error instanceof Error ? error.message : String(error), responseLength: length });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, rawPath: string, rawQuery: string, log: (o: Outcome, operation?: string) => void): Promise<void> {
    if (rawPath === stagePrefix) {
      res.writeHead(301, { location: `${stagePrefix}/${rawQuery === '' ? '' : `?${rawQuery}`}`, 'content-length': 0 }).end();
      log({ status: 301, surface: 'public', decision: 'public', reason: 'stage URL without its slash' });
      return;
    }
    if (!rawPath.startsWith(`${stagePrefix}/`)) {
      const length = sendAnswer(res, requestId, { ...ANSWERS.forbidden, detail: `this API serves stage ${stagePrefix}/ only` });
      log({ status: 403, surface: 'none', decision: 'rejected', reason: 'no such stage', responseLength: length });
      return;
    }
    const request = gatewayRequest(req, requestId, options.api.stage, rawPath.slice(stagePrefix.length), rawQuery);
    const route = router.route(request.method, request.path);
    const operation = route.kind === 'operation' ? route.operation.id : undefined;
    const answer = (a: GatewayAnswer, outcome: Omit<Outcome, 'status' | 'responseLength'>) => {
      const length = sendAnswer(res, requestId, a);
      log({ ...outcome, status: a.status, responseLength: length }, operation);
    };
    const body = await readBody(req, max);
    if (body === 'too-large') {
      answer(ANSWERS.tooLarge, { surface: 'none', decision: 'rejected', reason: `body over ${max} bytes` });
      return;
    }
    if (body === 'aborted') {
      log({ status: 400, surface: 'none', decision: 'rejected', reason: 'client aborted the body' }, operation);
      res.destroy();
      return;
    }
    const arn = methodArn(options.api, request.method, request.path);
    if (evaluatePolicies([options.generated.resourcePolicy], 'execute-api:Invoke', arn) === 'explicit-deny') {
      answer(ANSWERS.explicitDeny, { surface: 'none', decision: 'deny', reason: 'the API resource policy denies this path' });
      return;
    }
    const integrate = async (outcome: Omit<Outcome, 'status'>, drop?: ReadonlySet<string>) => {
      const before = performance.now();
      const result = await options.integration.forward(request, body.bytes, res, drop);
      const integrationLatencyMs = Math.round((performance.now() - before) * 1000) / 1000;
      finishIntegration(result, outcome, integrationLatencyMs);
    };
    const finishIntegration = (result: IntegrationResult, outcome: Omit<Outcome, 'status'>, integrationLatencyMs: number) => {
      if (result.kind === 'answered') log({ ...outcome, status: result.status, integrationLatencyMs, responseLength: result.responseLength }, operation);
      else if (result.kind === 'unreachable') answer({ ...ANSWERS.badGateway, status: 502, detail: `MLflow at ${options.integration.url} is not reachable (${result.detail})` }, { ...outcome, decision: outcome.decision, reason: `backend unreachable: ${result.detail}` });
      else if (result.kind === 'timeout') answer(ANSWERS.timeout, { ...outcome, reason: 'backend did not answer in time' });
      else log({ ...outcome, status: 499, reason: 'connection closed mid-response' }, operation);
    };

    if (anyResourceMatches(PUBLIC_RESOURCES, request.method, request.path)) {
      await servePublic(request, res, answer, integrate, log, operation);
      return;
    }
    if (resourceMatches(IAM_RESOURCE, request.method, request.path)) {
      const decision = await options.iam.authorize(
        { method: request.method, rawPath, rawQuery, headers: request.headers, bodySha256: body.sha256 },
        arn,
      );
      if (decision.kind === 'rejected') {
        answer(signatureRefused(decision.message, decision.failure === 'missing'), { surface: 'iam', decision: 'rejected', reason: `SigV4: ${decision.failure}` });
        return;
      }
      const who = { principal: `${decision.principal.kind}/${decision.principal.name}`, roles: decision.roles.join(',') };
      if (decision.kind === 'deny') {
        answer(iamDenied(`arn:aws:sts::${options.api.account}:assumed-role/${decision.principal.name}/local`, arn, decision.explicit), {
          surface: 'iam',
          decision: 'deny',
          ...who,
          reason: decision.explicit ? 'explicit deny in the IAM policies' : 'no IAM policy allows it',
        });
        return;
      }
      await integrate({ surface: 'iam', decision: 'allow', ...who }, new Set(['authorization']));
      return;
    }
    const decision = await options.browser.authorize(request);
    if (decision.kind === 'unauthorized') {
      answer(ANSWERS.unauthorized, { surface: 'browser', decision: 'unauthorized', cache: decision.cache, ...(decision.cache === 'skipped' ? { reason: 'identity source missing' } : {}) });
      return;
    }
    if (decision.kind === 'error') {
      answer({ ...ANSWERS.authorizerError, detail: decision.detail }, { surface: 'browser', decision: 'error', cache: decision.cache, reason: decision.detail });
      return;
    }
    const who = { principal: decision.output.principalId, roles: String(decision.output.context['roles'] ?? ''), cache: decision.cache };
    if (decision.kind === 'deny') {
      answer(decision.explicit ? ANSWERS.explicitDeny : ANSWERS.implicitDeny, { surface: 'browser', decision: 'deny', ...who });
      return;
    }
    await integrate({ surface: 'browser', decision: 'allow', ...who });
  }

  async function servePublic(
    request: GatewayRequest,
    res: ServerResponse,
    answer: (a: GatewayAnswer, outcome: Omit<Outcome, 'status' | 'responseLength'>) => void,
    integrate: (outcome: Omit<Outcome, 'status'>) => Promise<void>,
    log: (o: Outcome, operation?: string) => void,
    operation: string | undefined,
  ): Promise<void> {
    if (request.path === LOGIN_CONFIG_PATH) {
      const host = request.headers['host']?.[0] ?? '';
      const base = loopbackHosts.has(host) ? `http://${host}/${options.api.stage}/` : options.baseUrl;
      const bytes = Buffer.from(JSON.stringify(options.loginConfig(base)));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, 'cache-control': 'no-store' }).end(bytes);
      log({ status: 200, surface: 'public', decision: 'public', responseLength: bytes.length });
      return;
    }
    if (options.uiFolder !== undefined) {
      const file = await uiFile(options.uiFolder, request.path);
      if (file === undefined) {
        answer({ status: 404, body: { message: 'Not Found' } }, { surface: 'public', decision: 'public', reason: 'not in the UI folder' });
        return;
      }
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length }).end(file.bytes);
      log({ status: 200, surface: 'public', decision: 'public', responseLength: file.bytes.length }, operation);
      return;
    }
    await integrate({ surface: 'public', decision: 'public' });
  }
}
