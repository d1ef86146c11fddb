// What API Gateway's authorizer cache saves for the UI (`npm run bench`): the Lambda invocations of one UI
// session (ui-session.ts) per cache key and TTL, and — by running the real authorizer on every invocation and
// judging each cached policy with the IAM oracle against the request it serves — how many requests a key
// answers wrongly. Not a test: the trace is a model of the UI, so the numbers are illustrations of it.
import { CATALOGUE, Router } from '@mlflow-authz/core';
import type { AuthorizerTable } from '@mlflow-authz/core';
import generatedTable from '../../generated/authorizer/permissions.json' with { type: 'json' };
import { evaluate } from '@mlflow-authz/test/oracle';
import { createAuthorizer } from '../src/authorizer.js';
import { createDecisionLogger } from '../src/decision-log.js';
import type { PolicyDocument } from '../src/policy.js';
import { createTokenVerifier } from '../src/token-verifier.js';
import { COGNITO_CONFIG } from '../test/harness.js';
import { bearer, methodArnFor, requestEvent } from '../test/events.js';
import { generateTestKey } from '../test/keys.js';
import { cognitoIdClaims, signRs256 } from '../test/tokens.js';
import { TOKEN_COOKIE_NAME } from '../src/cookie.js';
import type { CacheKey } from './authorizer-cache.js';
import { replay } from './authorizer-cache.js';
import { POLL_SECONDS, uiSessionTrace } from './ui-session.js';

const key = generateTestKey('cache-bench');
const verifier = createTokenVerifier(COGNITO_CONFIG);
verifier.cacheJwks({ keys: [key.jwk] });
const table: AuthorizerTable = generatedTable;
const authorizer = createAuthorizer({ table, router: new Router(CATALOGUE), verifier, logger: createDecisionLogger(() => {}) });
const token = signRs256(key, cognitoIdClaims({ groups: ['readers'] }));

const trace = uiSessionTrace(30);
// Every request's own (fresh) policy: what an invocation for it returns.
const policies: PolicyDocument[] = [];
for (const r of trace) {
  const headers = r.source === 'header' ? bearer(token) : { Cookie: `${TOKEN_COOKIE_NAME}=${token}` };
  policies.push((await authorizer(requestEvent(r.method, r.path, headers))).policyDocument);
}
const decides = (policy: PolicyDocument, i: number): string => evaluate([policy], 'execute-api:Invoke', methodArnFor(trace[i]?.method ?? '', trace[i]?.path ?? ''));
const wanted = trace.map((_, i) => decides(policies[i] as PolicyDocument, i));
if (wanted.some((d) => d !== 'allow')) throw new Error('the trace holds a request readers may not make: fix ui-session.ts');

const distinct = new Set(trace.map((r) => `${r.source} ${r.method} ${r.path}`)).size;
console.log(`authorizer cache: one UI session of 30 min (ui-session.ts), ${trace.length} authorized requests, ${distinct} distinct (token source, method, path); runs table and traces list polled every ${POLL_SECONDS} s`);
console.log('  key                           TTL     Lambda invocations   answered wrongly from the cache: allowed / denied');
const row = (label: string, cacheKey: CacheKey, ttl: number): void => {
  const run = replay(trace, cacheKey, ttl);
  const cached = run.servedBy.map((by, i) => decides(policies[by] as PolicyDocument, i));
  const wronglyAllowed = cached.filter((d, i) => d === 'allow' && wanted[i] !== 'allow').length;
  const wronglyDenied = cached.filter((d, i) => d !== 'allow' && wanted[i] === 'allow').length;
  const share = ((run.invocations / trace.length) * 100).toFixed(0);
  console.log(`  ${label.padEnd(30)}${`${ttl} s`.padEnd(8)}${`${run.invocations} (${share} %)`.padEnd(21)}${wronglyAllowed} / ${wronglyDenied}`);
};
row('none (TTL 0)', 'token', 0);
for (const ttl of [300, 3600]) {
  row('token + method + path', 'token+method+path', ttl);
  row('token only', 'token', ttl);
}
console.log('  (token only is what a whole-grant policy needed; with exact policies it denies, never allows, what it gets wrong)');
