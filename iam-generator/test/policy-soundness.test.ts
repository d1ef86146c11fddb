// The IAM policies the generator writes, judged by the independent IAM oracle against the decision contract
// (test/contract/), on the fixture roles' generated project (test/fixtures/readers-approvers-admins.yaml, as the
// suite's global setup generated it) and on synthetic grant sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPatterns, CATALOGUE } from '@mlflow-authz/core';
import { escapeLiteralChar, iamExpected, isMalformed, MALFORMED_SPELLINGS, malformedVariants, METHODS, routeInstances } from '@mlflow-authz/test/contract';
import { TEAM } from '@mlflow-authz/test/fixtures';
import type { OraclePolicy } from '@mlflow-authz/test/oracle';
import { evaluate } from '@mlflow-authz/test/oracle';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { fillTemplate, selectedOperations } from '@mlflow-authz/test/reference';
import { readGeneratedPolicies } from '../src/cdk/generated-policies.js';
import type { PolicyDocumentJson } from '../src/policy-document.js';
import type { RolePolicies } from '../src/role-policies.js';
import { RolePolicyError, rolePolicies } from '../src/role-policies.js';
import { deployed, exceptionPolicy, mismatch, requestArn, resourcePolicyForCaller } from './policy-check.js';

const generated = readGeneratedPolicies(fixtureProject(TEAM).root);
const stage = generated.index.apiStageName;
const instances = routeInstances(CATALOGUE);
const apiInstances = instances.filter((p) => p.startsWith('/api/'));
const roleOperations = new Map(
  Object.entries((JSON.parse(generated.roleInputs) as { roles: Record<string, { operations: string[] }> }).roles).map(([role, r]) => [role, new Set(r.operations)]),
);
const RUNS = Number(process.env['IAM_PROPERTY_RUNS'] ?? 2000);
const SYNTHETIC_ROLES = Number(process.env['IAM_SYNTHETIC_ROLES'] ?? 4);
const guard = deployed([generated.guard]);
const resourcePolicy = resourcePolicyForCaller(generated.resourcePolicy);

/**
 * Every request of `paths` × every method that the policies decide against the contract (all, or only the
 * non-malformed ones), the declared SigV4 exceptions (`exceptions`) counting as denied.
 */
function mismatches(
  policies: readonly OraclePolicy[],
  granted: ReadonlySet<string>,
  paths: readonly string[],
  only: 'all' | 'not-malformed' = 'all',
  exceptions: readonly OraclePolicy[] = [],
): string[] {
  const found: string[] = [];
  for (const path of paths) {
    if (only === 'not-malformed' && isMalformed(path)) continue;
    for (const method of METHODS) {
      const problem = mismatch(policies, granted, stage, method, path, exceptions);
      if (problem !== undefined) found.push(problem);
    }
  }
  return found;
}

/** The first request of `paths` × every method the policies decide against the contract, or undefined. */
function firstMismatch(policies: readonly OraclePolicy[], granted: ReadonlySet<string>, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    for (const method of METHODS) {
      const problem = mismatch(policies, granted, stage, method, path);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

const roles = [...generated.documents.keys()];
const own = (role: string): OraclePolicy[] => deployed(generated.documents.get(role) as PolicyDocumentJson[]);
const granted = (role: string): ReadonlySet<string> => roleOperations.get(role) as ReadonlySet<string>;

/**
 * The paths the spelling checks use: every `/api/` route with three of the malformed classes in turn (so that
 * each class meets every part of the API), a trailing slash, and escaped literals visiting each segment.
 */
const spellings = apiInstances.flatMap((p, i) => [
  ...malformedVariants(p).filter((_, k) => [0, 5, 9].some((shift) => (k - i - shift) % MALFORMED_SPELLINGS === 0)),
  `${p}/`,
  ...[0, 1, 2, 3, 4, 5].flatMap((k) => escapeLiteralChar(p, k, i + k) ?? []),
]);

describe('the generated IAM policies of the default roles, with the shared guard', () => {
  it.each(roles)('%s: every catalogue route, sample values that collide with other routes, every method', (role) => {
    expect(mismatches([...guard, ...own(role)], granted(role), instances).slice(0, 20)).toEqual([]);
  });

  it.each(roles)('%s: malformed spellings are denied explicitly, escaped literals and trailing slashes run nothing denied', (role) => {
    expect(mismatches([...guard, ...own(role)], granted(role), spellings).slice(0, 20)).toEqual([]);
  });

  it(`random requests with adversarial parameter values (fast-check, ${RUNS} runs), with the guard, the resource policy, or neither`, () => {
    const cases = new Map<string, number>();
    const routes = CATALOGUE.flatMap((op) => op.routes);
    const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', '*', '?', '/', ':', '%', ' ', '#', 'é', '€', '😀', '\\', 'g', 'e', 't', 's'), minLength: 1, maxLength: 8 });
    const spelling = fc.constantFrom('encoded', 'raw', 'escaped-literal', 'trailing-slash', 'malformed');
    fc.assert(
      fc.property(fc.constantFrom(...roles), fc.option(fc.constantFrom(...METHODS)), fc.constantFrom(...routes), value, spelling, fc.nat(), (role, anyMethod, route, raw, how, n) => {
        // Half the requests use the route's own method, so that allowed ones are common (any method: mostly denies).
        const method = anyMethod ?? route.method;
        const encode = (v: string, kind: string): string => (kind === 'path' ? v.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(v));
        let path = fillTemplate(route, (_, kind) => (how === 'raw' ? raw.replace(/[?#\s]/g, 'x') : encode(raw, kind)));
        if (how === 'escaped-literal') path = escapeLiteralChar(path, n, n >> 3) ?? path;
        if (how === 'trailing-slash') path += '/';
        if (how === 'malformed') path = malformedVariants(path)[n % MALFORMED_SPELLINGS] as string;
        const request = { method, path };
        const expected = iamExpected(granted(role), request);
        cases.set(expected, (cases.get(expected) ?? 0) + 1);
        expect(mismatch([...guard, ...own(role)], granted(role), stage, method, path)).toBeUndefined();
        expect(mismatch([...resourcePolicy, ...own(role)], granted(role), stage, method, path)).toBeUndefined();
        if (!isMalformed(path)) expect(mismatch(own(role), granted(role), stage, method, path)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    // Non-vacuous: requests the contract decides each way, not only ones it leaves open.
    for (const expected of ['allow', 'deny', 'explicit-deny', 'either'] as const) expect(cases.get(expected) ?? 0, expected).toBeGreaterThanOrEqual(RUNS / 40);
  });

  it('the checks can fail: a policy without any one of its own denies, or with a broader allow, is caught', () => {
    const documents = generated.documents.get('readers') as PolicyDocumentJson[];
    const denies = documents.flatMap((d) => d.Statement.filter((s) => s.Effect === 'Deny').flatMap((s) => s.Resource));
    expect(denies.length).toBeGreaterThan(0);
    for (const deny of denies) {
      const withoutDeny = documents.map((d) => ({ ...d, Statement: d.Statement.map((s) => (s.Effect === 'Deny' ? { ...s, Resource: s.Resource.filter((r) => r !== deny) } : s)) }));
      expect(withoutDeny.flatMap((d) => d.Statement.flatMap((s) => s.Resource))).toHaveLength(documents.flatMap((d) => d.Statement.flatMap((s) => s.Resource)).length - 1);
      expect(firstMismatch([...guard, ...deployed(withoutDeny)], granted('readers'), [...instances, ...spellings]), `readers without ${deny}`).toMatch(/: expected deny, IAM says allow$/);
    }
    const [allow] = documents.flatMap((d) => d.Statement.filter((s) => s.Effect === 'Allow'));
    expect(allow).toBeDefined();
    const broadAllow = (allow?.Resource[0] as string).replace(/\/(GET|HEAD|POST|PUT|PATCH|DELETE)\/.*$/s, '/POST/*');
    expect(allow?.Resource).not.toContain(broadAllow);
    const broader = documents.map((d) => ({ ...d, Statement: d.Statement.map((s) => (s === allow ? { ...s, Resource: [...s.Resource, broadAllow] } : s)) }));
    expect(firstMismatch([...guard, ...deployed(broader)], granted('readers'), instances)).toMatch(/^POST .*: expected deny, IAM says allow$/);
  });
});

describe('the shared malformed-path guard', () => {
  it.each(roles)('%s: without the guard, the role\'s documents still decide every request outside the malformed classes as the contract says', (role) => {
    // In particular no request the router maps to an operation the role lacks is allowed: dropping the guard
    // can only loosen the malformed classes.
    expect(mismatches(own(role), granted(role), [...instances, ...spellings], 'not-malformed').slice(0, 20)).toEqual([]);
  });

  it('is needed: without it, malformed spellings of granted routes get through (so the test above judges documents that lack it)', () => {
    const loosened = mismatches(own('admins'), granted('admins'), spellings).filter((m) => / expected explicit-deny, IAM says allow$/.test(m));
    expect(loosened.length).toBeGreaterThan(0);
  });

  it('is caught missing any one of its denies', () => {
    const statement = generated.guard.Statement[0] as PolicyDocumentJson['Statement'][number];
    const paths = apiInstances.slice(0, 40).flatMap((p) => malformedVariants(p));
    for (const resource of statement.Resource) {
      const weakened = deployed([{ ...generated.guard, Statement: [{ ...statement, Resource: statement.Resource.filter((r) => r !== resource) }] }]);
      const caught = roles.some((role) => mismatches([...weakened, ...own(role)], granted(role), paths).length > 0);
      expect(caught, `guard without ${resource}`).toBe(true);
    }
    expect(statement.Resource).toHaveLength(MALFORMED_SPELLINGS);
  });

  it('as the API resource policy: Deny only, for every caller, grants nothing by itself, and stands in for the managed-policy guard', () => {
    expect(generated.resourcePolicy.Statement.every((s) => s.Effect === 'Deny' && s.Principal === '*' && s.Action === 'execute-api:Invoke')).toBe(true);
    expect(generated.resourcePolicy.Statement.flatMap((s) => s.Resource)).toEqual(generated.guard.Statement.flatMap((s) => s.Resource));
    for (const path of [...instances.slice(0, 200), ...spellings.slice(0, 200)]) {
      for (const method of METHODS) expect(evaluate(resourcePolicy, 'execute-api:Invoke', requestArn(stage, method, path))).not.toBe('allow');
    }
    for (const role of roles) expect(mismatches([...resourcePolicy, ...own(role)], granted(role), spellings).slice(0, 20)).toEqual([]);
  });
});

/** Operations of the given selectors, as permissions.yaml's selectors grant them (test/reference/selectors.ts). */
function selected(selectors: readonly string[]): Set<string> {
  return selectedOperations(selectors, CATALOGUE);
}

/** A synthetic role's policies as the IAM stage builds them (collisions fail closed, as SigV4 exceptions). */
function synthetic(grants: ReadonlySet<string>): RolePolicies {
  return rolePolicies('synthetic', buildPatterns(CATALOGUE, { surface: 'iam', granted: grants }, { collisions: 'fail-closed' }), stage);
}

/**
 * Problems of a synthetic role's documents: with the guard, all; without it, outside the malformed classes; each
 * declared SigV4 exception a request the role may call that the documents deny, and no other such request.
 */
function syntheticMismatches(policies: RolePolicies, grants: ReadonlySet<string>, lost: readonly string[] = policies.sigv4Exceptions.map((e) => e.example)): string[] {
  const exceptions = exceptionPolicy(stage, [...new Set(policies.sigv4Exceptions.map((e) => e.resource))]);
  // The catalogue sample never names a tag `records`: the lost requests themselves are checked too.
  const paths = [...instances, ...lost.map((example) => example.split(' ')[1] as string)];
  const documents = deployed(policies.documents);
  const declared = policies.sigv4Exceptions.flatMap((e) => {
    const [method, path] = e.example.split(' ') as [string, string];
    const denied = evaluate([...guard, ...documents], 'execute-api:Invoke', requestArn(stage, method, path)) !== 'allow';
    return grants.has(e.operation) && iamExpected(grants, { method, path }) === 'allow' && denied ? [] : [`declared exception ${e.example} is no disagreement`];
  });
  return [...declared, ...mismatches([...guard, ...documents], grants, paths, 'all', exceptions), ...mismatches(documents, grants, paths, 'not-malformed', exceptions)];
}

describe('generated IAM policies for synthetic grants', () => {
  it.each([
    ['writers', ['*:read', '*:write']],
    ['run loggers', ['experiments:read', 'runs:*', 'artifacts:*']],
    ['trace and gateway operators', ['traces:*', 'gateway:read', 'gateway:write', 'evaluation:read']],
  ])('%s: generated, and every catalogue request decided as the contract says, with the guard and (outside the malformed classes) without', (_, selectors) => {
    const grants = selected(selectors);
    expect(syntheticMismatches(synthetic(grants), grants).slice(0, 10)).toEqual([]);
  });

  it('datasets without record deletes: IAM denies exactly the declared class (a tag named "records"), the rest exactly', () => {
    const grants = selected(['datasets:*']);
    grants.delete('DeleteDatasetRecords');
    const policies = synthetic(grants);
    expect(policies.sigv4Exceptions).toEqual([
      {
        role: 'synthetic',
        operation: 'DeleteDatasetTag',
        resource: 'DELETE/api/3.0/mlflow/datasets/*/records',
        example: 'DELETE /api/3.0/mlflow/datasets/x/tags/records',
        lostClass: 'DeleteDatasetTag with key "records"',
        protects: 'DeleteDatasetRecords',
      },
    ]);
    expect(syntheticMismatches(policies, grants).slice(0, 10)).toEqual([]);
    // The check can fail: undeclared, the lost requests are mismatches.
    const lost = policies.sigv4Exceptions.map((e) => e.example);
    expect(syntheticMismatches({ ...policies, sigv4Exceptions: [] }, grants, lost)).toContainEqual('DELETE /api/3.0/mlflow/datasets/x/tags/records: expected allow, IAM says explicit-deny');
  });

  it(`random grants (selectors plus or minus single operations, ${SYNTHETIC_ROLES} runs): sound but for exactly the declared exceptions, or refused for size naming the role`, () => {
    const areas = [...new Set(CATALOGUE.map((op) => op.area))];
    const selector = fc.tuple(fc.constantFrom('*', ...areas), fc.constantFrom('*', 'read', 'write', 'delete', 'admin')).map(([a, l]) => `${a}:${l}`);
    const ids = CATALOGUE.map((op) => op.id);
    const grant = fc
      .tuple(fc.array(selector, { minLength: 1, maxLength: 4 }), fc.subarray(ids, { maxLength: 2 }), fc.subarray(ids, { maxLength: 2 }))
      .map(([selectors, plus, minus]) => [...selected(selectors)].concat(plus).filter((op) => !minus.includes(op)));
    let checked = 0;
    fc.assert(
      fc.property(grant, (ops) => {
        let policies: RolePolicies;
        try {
          policies = synthetic(new Set(ops));
        } catch (error) {
          // More documents than a principal may carry: refused, naming the role.
          expect(error).toBeInstanceOf(RolePolicyError);
          expect((error as Error).message).toMatch(/^role synthetic: /);
          return;
        }
        checked++;
        expect(syntheticMismatches(policies, new Set(ops)).slice(0, 10)).toEqual([]);
      }),
      { numRuns: SYNTHETIC_ROLES },
    );
    // Non-vacuous: most grant sets are built and checked (a refusal for size is rare).
    expect(checked).toBeGreaterThanOrEqual(Math.ceil((SYNTHETIC_ROLES * 3) / 4));
  });
});
