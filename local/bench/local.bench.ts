// `npm run bench`'s local section: 50 connections for 30 s (LOCAL_BENCH_SECONDS, LOCAL_BENCH_CONNECTIONS) of mixed
// roles, tokens and surfaces, through the gateway and against the stand-in alone, in the same run.
import { runLoad } from './load.js';

const seconds = Number(process.env['LOCAL_BENCH_SECONDS'] ?? 30);
const connections = Number(process.env['LOCAL_BENCH_CONNECTIONS'] ?? 50);
const report = await runLoad({ connections, durationSeconds: seconds, unloadedRequests: Number(process.env['LOCAL_BENCH_UNLOADED_REQUESTS'] ?? 3000) });
const { baseline, proxy } = report;
if (baseline === undefined || proxy === undefined) throw new Error('the bench compares the gateway with the stand-in alone and the bare proxy');
const row = (name: string, s: typeof report.gateway) =>
  `| ${name} | ${s.requestsPerSecond.toFixed(0)} | ${s.p50Ms.toFixed(1)} ms | ${s.p99Ms.toFixed(1)} ms | ${s.requests} | ${s.errors} |`;
console.log(`local mode load: ${connections} connections, ${report.durationSeconds} s per target in ${report.rounds} alternating rounds (median round shown), ${report.distinctRequests} distinct requests, ${report.tokens} tokens`);
console.log('| target | requests/s | p50 | p99 | requests | errors |');
console.log('|---|---|---|---|---|---|');
console.log(row('stand-in alone (baseline)', baseline));
console.log(row('for scale: bare proxy → stand-in', proxy));
console.log(row('through the gateway', report.gateway));
console.log(`added latency: p50 +${(report.gateway.p50Ms - baseline.p50Ms).toFixed(1)} ms, p99 +${(report.gateway.p99Ms - baseline.p99Ms).toFixed(1)} ms; throughput ratio ${(report.gateway.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}`);
if (report.unloaded !== undefined) {
  const { baseline: alone, gateway } = report.unloaded;
  console.log(
    `one request at a time (${report.unloaded.requests} each, no queueing): stand-in p50 ${alone.p50Ms.toFixed(2)} / p99 ${alone.p99Ms.toFixed(2)} ms, ` +
      `gateway p50 ${gateway.p50Ms.toFixed(2)} / p99 ${gateway.p99Ms.toFixed(2)} ms → added p50 +${(gateway.p50Ms - alone.p50Ms).toFixed(2)} ms, p99 +${(gateway.p99Ms - alone.p99Ms).toFixed(2)} ms`,
  );
}
console.log(`gateway answers: ${report.answers.allowed} allowed, ${report.answers.denied} denied (403), ${report.answers.unauthorized} unauthorized (401)`);
console.log(`errors: ${report.gateway.errors}; wrong decisions: ${report.wrongDecisions}${report.firstWrong === undefined ? '' : ` (first: ${report.firstWrong})`}`);
if (report.gateway.errors > 0 || report.wrongDecisions > 0) process.exitCode = 1;
