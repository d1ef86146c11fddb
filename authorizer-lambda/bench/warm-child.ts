// Child process of the bench: imports the bundle and times, interleaved in small chunks so that drift hits every
// series alike, (1) a bare RS256 verification of each token with node:crypto, (2) the handler on first-seen
// tokens, (3) the handler on one repeated token, and for scale (4) aws-jwt-verify's verifySync and (5) one
// decision log line alone. stdout is /dev/null (the handler logs every request); the result goes to a file.
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { AuthorizerHandler } from '../src/authorizer.js';
import { createDecisionLogger } from '../src/decision-log.js';
import type { AuthorizerResult } from '../src/policy.js';
import { requestEvent } from '../test/events.js';
import type { WarmResult, WarmWork } from './bench-work.js';
import { BENCH_CLIENT_ID } from './bench-work.js';

const [workFile, resultFile] = process.argv.slice(2) as [string, string];
const work = JSON.parse(readFileSync(workFile, 'utf8')) as WarmWork;
const { handler } = (await import(pathToFileURL(work.bundlePath).href)) as { handler: AuthorizerHandler };

const CHUNK = 100;
const publicKey = createPublicKey({ key: work.jwk as never, format: 'jwk' });
const reference = CognitoJwtVerifier.create({ userPoolId: 'eu-west-1_BenchPool1', clientId: BENCH_CLIENT_ID, tokenUse: 'id' });
reference.cacheJwks({ keys: [work.jwk] });
const logger = createDecisionLogger();

// Events as API Gateway sends them, parsed from JSON like the Lambda runtime does, so no string is shared
// between invocations (the repeated token is a fresh string every time, as in production).
function eventJson(token: string, i: number): string {
  const [method, path] = work.requests[i % work.requests.length] as [string, string];
  return JSON.stringify(requestEvent(method, path, { accept: 'application/json', Authorization: `Bearer ${token}`, 'user-agent': 'Mozilla/5.0 bench' }));
}

const series: Record<string, number[]> = { bare: [], firstSeen: [], repeated: [], verifySync: [], logLine: [] };

async function timeHandler(name: string, events: unknown[]): Promise<void> {
  for (const event of events) {
    const start = process.hrtime.bigint();
    await handler(event);
    series[name]?.push(Number(process.hrtime.bigint() - start));
  }
}

function timeSync(name: string, inputs: readonly string[], fn: (input: string) => unknown): void {
  for (const input of inputs) {
    const copy = (' ' + input).slice(1);
    const start = process.hrtime.bigint();
    fn(copy);
    series[name]?.push(Number(process.hrtime.bigint() - start));
  }
}

function bareVerify(token: string): boolean {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  return verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
}

// Warm-up until the JIT has settled on every path: first-seen (tokens not measured later), repeated, and the
// baselines.
for (let i = 0; i < work.warmUp.length; i++) {
  await handler(JSON.parse(eventJson(work.warmUp[i] as string, i)));
  await handler(JSON.parse(eventJson(work.repeated, i)));
}
timeSync('warmUp', work.warmUp, bareVerify);
timeSync('warmUp', work.warmUp, (t) => reference.verifySync(t));

for (let offset = 0; offset + CHUNK <= work.firstSeen.length; offset += CHUNK) {
  const tokens = work.firstSeen.slice(offset, offset + CHUNK);
  const firstEvents = tokens.map((t, i) => JSON.parse(eventJson(t, offset + i)) as unknown);
  const repeatedEvents = tokens.map((_, i) => JSON.parse(eventJson(work.repeated, offset + i)) as unknown);
  timeSync('bare', tokens, bareVerify);
  await timeHandler('firstSeen', firstEvents);
  await timeHandler('repeated', repeatedEvents);
  timeSync('verifySync', tokens, (t) => reference.verifySync(t));
  timeSync('logLine', tokens, (t) =>
    logger.decision({
      decision: 'allow',
      reason: 'role readers grants GetExperiment',
      principal: `user-${t.length}`,
      groups: ['readers'],
      roles: 'readers',
      method: 'GET',
      path: '/ajax-api/2.0/mlflow/experiments/get',
      operation: 'GetExperiment',
      tokenSource: 'header',
      policyVersion: 'af223f00aa185939',
      apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      durationMs: 0.012,
    }),
  );
}

const policies: WarmResult['policies'][number][] = [];
for (const [role, token] of Object.entries(work.roleTokens)) {
  const result: AuthorizerResult = await handler(JSON.parse(eventJson(token, 0)));
  const resources = result.policyDocument.Statement.flatMap((s) => [s.Resource].flat());
  policies.push({
    role,
    bytes: Buffer.byteLength(JSON.stringify(result.policyDocument)),
    statements: result.policyDocument.Statement.length,
    resources: resources.length,
    longestResource: Math.max(...resources.map((r) => r.length)),
  });
}

const result: WarmResult = { series, policies };
writeFileSync(resultFile, JSON.stringify(result));
