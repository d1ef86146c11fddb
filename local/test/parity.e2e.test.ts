// Parity over the wire: for each role of the project's permissions.yaml, whatever they are, sampled catalogue
// requests sent through the gateway — the browser surface with the role's demo user's token, the /api/ surface
// signed as the identity bound to the role — are answered as the suite's reference decides them (test/contract/),
// with the authorizer cache keyed as deployed (token, method and path).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CATALOGUE } from '@mlflow-authz/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyResourceMatches } from '../src/gateway/api-resources.js';
import { PUBLIC_RESOURCES } from '../src/gateway/gateway.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { CatalogueRequest } from './catalogue-requests.js';
import { catalogueRequests } from './catalogue-requests.js';
import { answerCheck } from './decision-contract.js';
import type { TestLocalMode } from './harness.js';
import { startTestLocalMode } from './harness.js';
import type { RawResponse } from './http.js';
import { projectModel, referenceDecider } from './reference.js';

const PER_ROLE = Number(process.env['LOCAL_PARITY_REQUESTS'] ?? 2000);
const BATCH = 25;
const SEED = Number(process.env['LOCAL_PARITY_SEED'] ?? Date.now() % 2 ** 31);
const reference = referenceDecider();
const ROLES = [...projectModel().rights.keys()];
const isPublic = (r: CatalogueRequest) => anyResourceMatches(PUBLIC_RESOURCES, r.method, r.path.split('?')[0] as string);

function parityFor(getLocal: () => TestLocalMode, surfaces: readonly ('browser' | 'iam')[], perRole: number, seed: number) {
  return async (role: string) => {
    const local = getLocal();
    const user = local.mode.users.find((u) => u.role === role);
    const token = user === undefined ? undefined : await local.tokenOf(user.username);
    const identity = local.mode.notebookIdentities.find((n) => n.roles.includes(role));
    // A role reaches the surfaces it is bound on: the browser through a Cognito group, /api/ through an IAM principal.
    const reached = surfaces.filter((s) => (s === 'browser' ? user !== undefined : identity !== undefined));
    expect(reached, `role ${role} is bound to no Cognito group and no IAM principal`).not.toEqual([]);
    const cookie = { cookie: `__Host-mlflow-token=${token}` };
    let compared = 0;
    let routed = 0;
    let allowed = 0;
    let denied = 0;
    let publicAnswers = 0;
    const batches = reached.map((s) => fc.array(catalogueRequests(s), { minLength: BATCH, maxLength: BATCH }).map((b) => b.map((r) => ({ ...r, surface: s }))));
    await fc.assert(
      fc.asyncProperty(fc.tuple(...batches), async (groups) => {
        const requests = groups.flat();
        const responses = await Promise.all(
          // The browser sends the token as a bearer header and, once the UI login has set it, as the cookie.
          requests.map((r) => (r.surface === 'iam' && identity !== undefined ? local.signed(identity, r.method, r.path) : local.browser(token, r.method, r.path, undefined, cookie))),
        );
        requests.forEach((request, i) => {
          const response = responses[i] as RawResponse;
          const problem = answerCheck(reference, role, request.method, request.path)(response.status, response.text);
          if (problem !== null) throw new Error(problem);
          if (reference([role], request.method, request.path).operation !== null) routed++;
          compared++;
          if (isPublic(request)) publicAnswers++;
          else if (response.status === 200) allowed++;
          else if (response.status === 403) denied++;
        });
      }),
      { numRuns: Math.ceil(perRole / BATCH), seed, endOnFailure: true },
    );
    expect(compared).toBeGreaterThanOrEqual(perRole * reached.length);
    // Most samples route to an operation: those are the ones decided exactly.
    expect(routed).toBeGreaterThan(compared * 0.75);
    // Both answers were seen, about as often as the role's share of the catalogue's operations makes likely.
    const share = (projectModel().rights.get(role)?.size ?? 0) / CATALOGUE.length;
    const decided = compared - publicAnswers;
    expect(allowed).toBeGreaterThanOrEqual(Math.floor(decided * share * 0.2));
    if (share < 1) expect(denied).toBeGreaterThanOrEqual(Math.floor(decided * (1 - share) * 0.2));
  };
}

describe(`parity over the wire (seed ${SEED}; replay with LOCAL_PARITY_SEED=${SEED})`, () => {
  let local: TestLocalMode;
  beforeAll(async () => {
    local = await startTestLocalMode();
  }, 120_000);
  afterAll(async () => local?.stop());

  const check = parityFor(() => local, ['browser', 'iam'], PER_ROLE, SEED);
  it.each(ROLES)(`%s: ${PER_ROLE} browser and ${PER_ROLE} SigV4 requests decide as the reference`, check, 300_000);
});

describe('authz explain', () => {
  it('prints the reference decision (`authz explain --json --stdin`)', () => {
    const requests = [...fc.sample(catalogueRequests('browser'), { numRuns: 150, seed: SEED }), ...fc.sample(catalogueRequests('iam'), { numRuns: 150, seed: SEED })];
    const lines = ROLES.flatMap((role) => requests.map((r) => `${role} ${r.method} ${r.path.split('?')[0]}`));
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'authz-core', 'bin', 'authz.js'), 'explain', '--json', '--stdin'], { cwd: PROJECT_ROOT, input: lines.join('\n'), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { role: string; method: string; path: string; decision: string; operation: string | null });
    expect(records).toHaveLength(lines.length);
    for (const record of records) {
      const decision = reference([record.role], record.method, record.path);
      expect([record.decision, record.operation]).toEqual([decision.effect, decision.operation]);
    }
  });
});
