// The CI version of `npm run bench`'s local section: a few thousand mixed requests through the gateway; every answer
// is checked against the decision, and there must be no error and no wrong decision. Timings are only reported, so
// the stand-in alone and the bare proxy, which the bench loads for comparison, are left out here.
import { describe, expect, it } from 'vitest';
import { runLoad } from '../bench/load.js';
import { testAuthorizerBundle } from './harness.js';

const REQUESTS = 3000;

describe('load smoke', () => {
  it('serves mixed roles, tokens and surfaces under concurrent load with no error and no wrong decision', async () => {
    // Each of the mix's 600 distinct requests 5 times, however fast the machine is (2 s of load sent 1,000-3,000).
    const report = await runLoad({ connections: 10, requestsPerTarget: REQUESTS, rounds: 1, tokensPerUser: 1, compare: false, authorizerBundle: await testAuthorizerBundle() });
    console.log(
      `load smoke: gateway ${report.gateway.requests} requests in ${report.durationSeconds.toFixed(1)} s, ${report.gateway.requestsPerSecond.toFixed(0)} req/s, ` +
        `${report.answers.allowed} allowed, ${report.answers.denied} denied, ${report.answers.unauthorized} unauthorized, ${report.wrongDecisions} wrong`,
    );
    expect(report.gateway.errors).toBe(0);
    expect(report.gateway.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(report.firstWrong).toBeUndefined();
    expect(report.wrongDecisions).toBe(0);
    expect(report.answers.allowed).toBeGreaterThan(0);
    expect(report.answers.denied).toBeGreaterThan(0);
    expect(report.answers.unauthorized).toBeGreaterThan(0);
  }, 120_000);
});
