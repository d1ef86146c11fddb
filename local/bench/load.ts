// The load run of local mode: autocannon (MIT) with a mix of roles, tokens and surfaces against the gateway, and the
// same request mix against the stand-in alone as the baseline, each answer checked against authz-core's decision.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Request, Result } from 'autocannon';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { NotebookIdentity } from '../src/local-mode.js';
import type { DemoUser } from '../src/oidc/demo-users.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { anyResourceMatches } from '../src/gateway/api-resources.js';
import { PUBLIC_RESOURCES } from '../src/gateway/gateway.js';
import { catalogueRequests } from '../test/catalogue-requests.js';
import { send } from '../test/http.js';
import type { AnswerCheck } from '../test/decision-contract.js';
import { answerCheck } from '../test/decision-contract.js';
import { loginOverHttp } from '../test/oidc-login.js';
import { referenceDecider } from '../test/reference.js';
import { smithySign } from '../test/sign.js';

/** What the measured process reports once it serves. */
interface Served {
  readonly proxy: string;
  readonly origin: string;
  readonly standIn: string;
  readonly stage: string;
  readonly region: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly baseUrl: string;
  readonly users: readonly DemoUser[];
  readonly identities: readonly NotebookIdentity[];
}

/** One side of the comparison. */
export interface LoadSide {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Socket errors, timeouts and answers of a status no request expects (5xx). */
  readonly errors: number;
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The outcome of a load run. */
export interface LoadReport {
  readonly connections: number;
  /** Seconds per target, split over `rounds` alternating rounds (with `requestsPerTarget`: the gateway's, measured). */
  readonly durationSeconds: number;
  readonly rounds: number;
  readonly distinctRequests: number;
  readonly tokens: number;
  /** The stand-in alone (undefined when the run did not compare). */
  readonly baseline: LoadSide | undefined;
  /** For scale: the gateway's HTTP integration as a bare pass-through proxy in front of the stand-in (ditto). */
  readonly proxy: LoadSide | undefined;
  readonly gateway: LoadSide;
  /** One request at a time (no queueing), timed to the microsecond: the stand-in alone and the gateway. */
  readonly unloaded: { readonly requests: number; readonly baseline: Percentiles; readonly gateway: Percentiles } | undefined;
  /** Gateway answers that differ from the decision (allow with the right operation / 403 / 401). */
  readonly wrongDecisions: number;
  readonly firstWrong: string | undefined;
  /** How the gateway's answers split: allowed, denied (403), unauthorized (401). */
  readonly answers: { readonly allowed: number; readonly denied: number; readonly unauthorized: number };
}

/**
 * Starts local mode in a child process, signs in each demo user `tokensPerUser` times, builds a request mix (70 %
 * browser requests with a random token of a random role, 25 % SigV4 as a random role's identity, 5 % without any
 * credentials), and runs autocannon with `connections` connections for `durationSeconds` per target against the
 * stand-in alone, a bare proxy and the gateway, in `rounds` alternating rounds (this machine's speed drifts); each
 * side reports the median round's rate and latencies and the summed counts. `compare: false` loads the gateway
 * alone (its answers are what is checked; the other two sides are only for scale).
 */
export async function runLoad(options: {
  connections: number;
  /** Seconds per target (split over the rounds); or, instead, `requestsPerTarget`. */
  durationSeconds?: number;
  /** Requests per target (split over the rounds), however long they take: the same checks on any machine. */
  requestsPerTarget?: number;
  rounds?: number;
  tokensPerUser?: number;
  seed?: number;
  /** Also load the stand-in alone and the bare proxy, for comparison (default true). */
  compare?: boolean;
  /** The authorizer bundle local mode loads (built there when missing or stale); default a fresh one. */
  authorizerBundle?: string;
  /** Requests sent one at a time to each target (latency without queueing); 0 leaves it out. */
  unloadedRequests?: number;
}): Promise<LoadReport> {
  const child = fork(join(PROJECT_ROOT, 'local', 'bench', 'serve.ts'), options.authorizerBundle === undefined ? [] : [options.authorizerBundle], { execArgv: ['--import', 'tsx', ...(process.env['LOCAL_BENCH_PROFILE'] ? ['--cpu-prof', '--cpu-prof-dir=' + process.env['LOCAL_BENCH_PROFILE']] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Served));
      child.once('exit', (code) => reject(new Error(`local mode exited (${code}) before serving`)));
    });
    const reference = referenceDecider();
    const tokens: { role: string; token: string }[] = [];
    for (const user of served.users) {
      for (let i = 0; i < (options.tokensPerUser ?? 3); i++) {
        tokens.push({ role: user.role, token: (await loginOverHttp(served.issuer, served.clientId, served.baseUrl, user.username, user.password)).id_token });
      }
    }
    const roles = [...new Set(tokens.map((t) => t.role))];
    const mix = await requestMix(served, tokens, roles, reference, options.seed ?? 42);
    const wrong: string[] = [];
    const answers = { allowed: 0, denied: 0, unauthorized: 0 };
    // autocannon's clients each walk a `requests` list from its start, so a long list would only ever be sent from
    // its head: one request instead, filled from the mix in turn across all connections.
    const cycle = (check: boolean): Request[] => {
      let next = 0;
      return [
        {
          setupRequest: (request, context) => {
            const r = mix[next++ % mix.length] as MixRequest;
            context['current'] = r;
            const path = check ? r.path : r.path.slice(served.stage.length + 1);
            return { ...request, method: r.method, path, headers: r.headers, body: r.body ?? '' };
          },
          onResponse: (status, body, context) => {
            if (!check) return;
            if (status === 200) answers.allowed++;
            else if (status === 403) answers.denied++;
            else if (status === 401) answers.unauthorized++;
            const problem = (context['current'] as MixRequest).check(status, body);
            if (problem !== null) wrong.push(problem);
          },
        },
      ];
    };
    const rounds = options.rounds ?? 3;
    if ((options.durationSeconds === undefined) === (options.requestsPerTarget === undefined)) throw new Error('runLoad takes durationSeconds or requestsPerTarget');
    const duration = Math.max(1, Math.round((options.durationSeconds ?? 0) / rounds));
    // autocannon runs for `duration` seconds, or until `amount` requests are answered.
    const length = options.requestsPerTarget === undefined ? { duration } : { amount: Math.ceil(options.requestsPerTarget / rounds) };
    const results: Record<'baseline' | 'proxy' | 'gateway', Result[]> = { baseline: [], proxy: [], gateway: [] };
    const compare = options.compare ?? true;
    for (let round = 0; round < rounds; round++) {
      if (compare) {
        results.baseline.push(await autocannon({ url: served.standIn, connections: options.connections, ...length, requests: cycle(false) }));
        results.proxy.push(await autocannon({ url: served.proxy, connections: options.connections, ...length, requests: cycle(false) }));
      }
      results.gateway.push(await autocannon({ url: served.origin, connections: options.connections, ...length, requests: cycle(true) }));
    }
    const unloaded = (options.unloadedRequests ?? 0) > 0 ? await oneAtATime(served, mix, options.unloadedRequests ?? 0, wrong) : undefined;
    return {
      unloaded,
      connections: options.connections,
      durationSeconds: options.requestsPerTarget === undefined ? duration * rounds : results.gateway.reduce((n, r) => n + r.duration, 0),
      rounds,
      distinctRequests: mix.length,
      tokens: tokens.length,
      baseline: compare ? side(results.baseline) : undefined,
      proxy: compare ? side(results.proxy) : undefined,
      gateway: side(results.gateway),
      wrongDecisions: wrong.length,
      firstWrong: wrong[0],
      answers,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

interface MixRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** Why the gateway's answer is wrong for this request, or null. */
  readonly check: AnswerCheck;
}

async function requestMix(
  served: Served,
  tokens: readonly { role: string; token: string }[],
  roles: readonly string[],
  reference: ReturnType<typeof referenceDecider>,
  seed: number,
): Promise<MixRequest[]> {
  // autocannon's client waits for a body after a HEAD response that announces one, so HEAD is left out here.
  const noHead = (r: { method: string; path: string }) => ({ ...r, method: r.method === 'HEAD' ? 'GET' : r.method });
  const browser = fc.sample(catalogueRequests('browser'), { numRuns: 420, seed }).map(noHead);
  const iam = fc.sample(catalogueRequests('iam'), { numRuns: 150, seed: seed + 1 }).map(noHead);
  const anonymous = fc.sample(catalogueRequests('browser'), { numRuns: 30, seed: seed + 2 }).map(noHead);
  const pick = <T>(items: readonly T[], i: number) => items[i % items.length] as T;
  const body = (method: string) => (method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{"name":"load"}' : undefined);
  const mix: MixRequest[] = [];
  browser.forEach((r, i) => {
    const { role, token } = pick(tokens, i * 7);
    const headers = { authorization: `Bearer ${token}`, cookie: `__Host-mlflow-token=${token}`, 'content-type': 'application/json' };
    mix.push({ method: r.method, path: `/${served.stage}${r.path}`, headers, body: body(r.method), check: answerCheck(reference, role, r.method, r.path) });
  });
  for (const [i, r] of iam.entries()) {
    const role = pick(roles, i);
    const identity = served.identities.find((n) => n.roles.includes(role)) as NotebookIdentity;
    const path = `/${served.stage}${r.path}`;
    const signed = await smithySign({ method: r.method, url: served.origin + path, body: body(r.method) }, identity.credential, served.region);
    mix.push({ method: r.method, path, headers: { ...signed, 'content-type': 'application/json' }, body: body(r.method), check: answerCheck(reference, role, r.method, r.path) });
  }
  for (const r of anonymous) {
    const publicRoute = anyResourceMatches(PUBLIC_RESOURCES, r.method, r.path.split('?')[0] as string);
    const check: AnswerCheck = (status) => (status === 401 || status === 403 || (status === 200 && publicRoute) ? null : `anonymous ${r.method} ${r.path}: ${status}`);
    mix.push({ method: r.method, path: `/${served.stage}${r.path}`, headers: {}, body: body(r.method), check });
  }
  // Interleave the three kinds so that every connection sees all of them.
  return fc.sample(fc.shuffledSubarray(mix, { minLength: mix.length, maxLength: mix.length }), { numRuns: 1, seed })[0] as MixRequest[];
}

/**
 * Sends `count` requests of the mix one at a time to the stand-in and to the gateway, alternating in chunks of 100
 * (the machine's speed drifts), and times each with performance.now(); gateway answers are checked too.
 */
async function oneAtATime(served: Served, mix: readonly MixRequest[], count: number, wrong: string[]): Promise<LoadReport['unloaded']> {
  const times = { baseline: [] as number[], gateway: [] as number[] };
  for (let start = 0; start < count; start += 100) {
    for (const target of ['baseline', 'gateway'] as const) {
      for (let i = start; i < Math.min(count, start + 100); i++) {
        const r = mix[i % mix.length] as MixRequest;
        const path = target === 'gateway' ? r.path : r.path.slice(served.stage.length + 1);
        const began = performance.now();
        const response = await send(target === 'gateway' ? served.origin : served.standIn, r.method, path, r.headers, r.body);
        times[target].push(performance.now() - began);
        if (target === 'gateway') {
          const problem = r.check(response.status, response.text);
          if (problem !== null) wrong.push(problem);
        }
      }
    }
  }
  const percentiles = (values: number[]): Percentiles => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50Ms: sorted[Math.floor(sorted.length * 0.5)] as number, p99Ms: sorted[Math.floor(sorted.length * 0.99)] as number };
  };
  return { requests: count, baseline: percentiles(times.baseline), gateway: percentiles(times.gateway) };
}

function side(rounds: readonly Result[]): LoadSide {
  const median = [...rounds].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(rounds.length / 2)] as Result;
  return {
    requestsPerSecond: median.requests.average,
    p50Ms: median.latency.p50,
    p99Ms: median.latency.p99,
    requests: rounds.reduce((n, r) => n + r.requests.total, 0),
    errors: rounds.reduce((n, r) => n + r.errors + r.timeouts + r['5xx'], 0),
  };
}
