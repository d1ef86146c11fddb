// Router throughput, reported against a trivial baseline (one Map lookup per request) measured in the same run.
// Not a test: timings on shared machines are noisy, so only the ratio and the order of magnitude matter.
import { readFileSync } from 'node:fs';
import { CATALOGUE, MLFLOW_VERSION } from '../src/catalogue/catalogue.js';
import { compilePermissions } from '../src/permissions/compile.js';
import { Decider } from '../src/permissions/decide.js';
import { Router } from '../src/router/router.js';
import { instantiate, parseTemplate } from '../src/router/template.js';

const router = new Router(CATALOGUE);
const requests: [string, string][] = CATALOGUE.flatMap((op) =>
  op.routes.map((route): [string, string] => [
    route.method,
    instantiate(parseTemplate(route.path, route.engine), (name, converter) =>
      converter === 'path' ? `dir/${name}/model.pkl` : `${name}-4f1c2a`,
    ),
  ]),
);
requests.push(['GET', '/api/2.0/mlflow/unknown'], ['GET', '/api/2.0/mlflow-artifacts/artifacts/a/../b'], ['OPTIONS', '/']);

const table = new Map(requests.map(([m, p]) => [`${m} ${p}`, p.length]));
const ROUNDS = 7;
const PER_ROUND = 1_000_000;

function time(fn: (method: string, path: string) => unknown): number {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) {
      const [method, path] = requests[i % requests.length] as [string, string];
      if (fn(method, path) !== undefined) sink++;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (sink < 0) console.log(sink);
  return best;
}

const compiled = compilePermissions(readFileSync(new URL('../../permissions.yaml', import.meta.url), 'utf8'), CATALOGUE, MLFLOW_VERSION);
if (!compiled.ok) throw new Error('permissions.yaml does not compile');
const decider = new Decider(router, new Map(compiled.permissions.roles.map((r) => [r.name, r.grantedBy])));
const roles = ['readers', 'model-approvers'];

const baseline = time((method, path) => table.get(`${method} ${path}`));
const routed = time((method, path) => router.route(method, path));
const decided = time((method, path) => decider.decide(roles, method, path));
const perSecond = (seconds: number) => Math.round(PER_ROUND / seconds).toLocaleString('en-US');
console.log(`router bench: ${requests.length} distinct requests (every catalogue route + malformed/unknown), best of ${ROUNDS} rounds of ${PER_ROUND.toLocaleString('en-US')}`);
console.log(`  baseline (Map lookup): ${perSecond(baseline)} lookups/s`);
console.log(`  router.route():        ${perSecond(routed)} decisions/s`);
console.log(`  decider.decide():      ${perSecond(decided)} decisions/s (roles ${roles.join(' + ')})`);
console.log(`  ratio router/baseline: ${(routed / baseline).toFixed(2)}x, decide/baseline: ${(decided / baseline).toFixed(2)}x the baseline's time per request`);
