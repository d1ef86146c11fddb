import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, instantiate, parseTemplate } from '@mlflow-authz/core';
import type { OraclePolicy } from '../../test/oracle/iam-evaluator.js';
import { readGeneratedPolicies } from '../src/cdk/generated-policies.js';
import type { PolicyDocumentJson } from '../src/policy-document.js';
import { RolePolicyError, rolePolicies } from '../src/role-policies.js';
import { deployed, mismatch } from './policy-check.js';
import { ReferenceDecision } from './reference-decision.js';
import { METHODS, escapeLiteralChar, malformedVariants, routeInstances } from './sample-requests.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const generated = readGeneratedPolicies(ROOT);
const stage = generated.index.apiStageName;
const reference = new ReferenceDecision(CATALOGUE);
const instances = routeInstances(CATALOGUE);
const apiInstances = instances.filter((p) => p.startsWith('/api/'));
const roleOperations = new Map(
  Object.entries((JSON.parse(generated.roleInputs) as { roles: Record<string, { operations: string[] }> }).roles).map(([role, r]) => [role, new Set(r.operations)]),
);
const RUNS = Number(process.env.IAM_PROPERTY_RUNS ?? 2000);
const SYNTHETIC_ROLES = Number(process.env.IAM_SYNTHETIC_ROLES ?? 2);

/** Every request of `paths` × every method that the policies decide against the contract. */
function mismatches(policies: readonly OraclePolicy[], granted: ReadonlySet<string>, paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    for (const method of METHODS) {
      const problem = mismatch(policies, reference, granted, stage, method, path);
      if (problem !== undefined) found.push(problem);
    }
  }
  return found;
}

const roles = [...generated.documents.keys()];

describe('the generated IAM policies of the default roles', () => {
  it.each(roles)('%s: every catalogue route, sample values that collide with other routes, every method', (role) => {
    const policies = deployed(generated.documents.get(role) as PolicyDocumentJson[]);
    expect(mismatches(policies, roleOperations.get(role) as ReadonlySet<string>, instances).slice(0, 20)).toEqual([]);
  });

  it.each(roles)('%s: malformed spellings are denied explicitly, escaped literals and trailing slashes run nothing denied', (role) => {
    const policies = deployed(generated.documents.get(role) as PolicyDocumentJson[]);
    // Every route gets three of the thirteen malformed classes, in turn, so that each class meets every part
    // of the API; the escapes visit each segment of the path.
    const paths = apiInstances.flatMap((p, i) => [
      ...malformedVariants(p).filter((_, k) => (k - i) % 13 === 0 || (k - i - 5) % 13 === 0 || (k - i - 9) % 13 === 0),
      `${p}/`,
      ...[0, 1, 2, 3, 4, 5].flatMap((k) => escapeLiteralChar(p, k, i + k) ?? []),
    ]);
    expect(mismatches(policies, roleOperations.get(role) as ReadonlySet<string>, paths).slice(0, 20)).toEqual([]);
  });

  it('random requests with adversarial parameter values (fast-check)', () => {
    const templates = CATALOGUE.flatMap((op) => op.routes.map((r) => parseTemplate(r.path, r.engine)));
    const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', '*', '?', '/', ':', '%', ' ', '#', 'é', '€', '😀', '\\', 'g', 'e', 't', 's'), minLength: 1, maxLength: 8 });
    const spelling = fc.constantFrom('encoded', 'raw', 'escaped-literal', 'trailing-slash', 'malformed');
    fc.assert(
      fc.property(fc.constantFrom(...roles), fc.constantFrom(...METHODS), fc.constantFrom(...templates), value, spelling, fc.nat(), (role, method, template, raw, how, n) => {
        const encode = (v: string, converter: string): string => (converter === 'path' ? v.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(v));
        let path = instantiate(template, (_, converter) => (how === 'raw' ? raw.replace(/[?#\s]/g, 'x') : encode(raw, converter)));
        if (how === 'escaped-literal') path = escapeLiteralChar(path, n, n >> 3) ?? path;
        if (how === 'trailing-slash') path += '/';
        if (how === 'malformed') path = malformedVariants(path)[n % 13] as string;
        const policies = deployed(generated.documents.get(role) as PolicyDocumentJson[]);
        expect(mismatch(policies, reference, roleOperations.get(role) as ReadonlySet<string>, stage, method, path)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('the checks can fail: a policy without one deny exception, or with a broader allow, is caught', () => {
    const documents = generated.documents.get('readers') as PolicyDocumentJson[];
    const granted = roleOperations.get('readers') as ReadonlySet<string>;
    const withoutDeny = documents.map((d) => ({ ...d, Statement: d.Statement.map((s) => (s.Effect === 'Deny' ? { ...s, Resource: s.Resource.filter((r) => !r.endsWith('/GET/api/?.0/mlflow/us*')) } : s)) }));
    expect(mismatches(deployed(withoutDeny), granted, instances)).toContainEqual(expect.stringMatching(/^GET \/api\/2\.0\/mlflow\/users\/get: expected deny, IAM says allow$/));
    const broader = documents.map((d) => ({ ...d, Statement: d.Statement.map((s) => (s.Effect === 'Allow' ? { ...s, Resource: [...s.Resource, s.Resource[0]?.replace(/\/prod\/.*$/, '/prod/POST/*') ?? ''] } : s)) }));
    expect(mismatches(deployed(broader), granted, instances).length).toBeGreaterThan(0);
  });
});

/** Operations of the given `area:access` classes (`*` for any), as permissions.yaml selectors grant them. */
function selected(selectors: readonly string[]): Set<string> {
  return new Set(
    CATALOGUE.filter((op) => selectors.some((s) => {
      const [area, access] = s.split(':');
      return (area === '*' || area === op.area) && (access === '*' || access === op.access);
    })).map((op) => op.id),
  );
}

describe('generated IAM policies for synthetic grants', () => {
  it.each([
    ['writers', ['*:read', '*:write']],
    ['run loggers', ['experiments:read', 'runs:*', 'artifacts:*']],
    ['trace and gateway operators', ['traces:*', 'gateway:read', 'gateway:write', 'evaluation:read']],
  ])('%s: generated, and every catalogue request decided as the contract says', (_, selectors) => {
    const granted = selected(selectors);
    const { documents } = rolePolicies(CATALOGUE, 'synthetic', [...granted], stage);
    expect(mismatches(deployed(documents), granted, instances).slice(0, 10)).toEqual([]);
  });

  it('random grants (selectors plus or minus single operations): generated and sound, or refused naming the role', () => {
    const areas = [...new Set(CATALOGUE.map((op) => op.area))];
    const selector = fc.tuple(fc.constantFrom('*', ...areas), fc.constantFrom('*', 'read', 'write', 'delete', 'admin')).map(([a, l]) => `${a}:${l}`);
    const ids = CATALOGUE.map((op) => op.id);
    const grant = fc
      .tuple(fc.array(selector, { minLength: 1, maxLength: 4 }), fc.subarray(ids, { maxLength: 2 }), fc.subarray(ids, { maxLength: 2 }))
      .map(([selectors, plus, minus]) => [...selected(selectors)].concat(plus).filter((op) => !minus.includes(op)));
    fc.assert(
      fc.property(grant, (ops) => {
        let documents: readonly PolicyDocumentJson[];
        try {
          documents = rolePolicies(CATALOGUE, 'synthetic', ops, stage).documents;
        } catch (error) {
          // Some grants cannot be told apart by IAM globs (DeleteDataset and DeleteDatasetTag without
          // DeleteDatasetRecords: `datasets/*/records` would also deny the tag `records`): refused, naming the role.
          expect(error).toBeInstanceOf(RolePolicyError);
          expect((error as Error).message).toMatch(/^role synthetic: /);
          return;
        }
        expect(mismatches(deployed(documents), new Set(ops), instances).slice(0, 10)).toEqual([]);
      }),
      { numRuns: SYNTHETIC_ROLES },
    );
  });
});
