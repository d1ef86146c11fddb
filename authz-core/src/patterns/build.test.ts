import fc from 'fast-check';
import { fixtureYaml, TEAM } from '@mlflow-authz/test/fixtures';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compilePermissions } from '../permissions/compile.js';
import type { BuiltPatterns } from './build.js';
import { buildPatterns } from './build.js';
import { globMatches } from './glob.js';
import { UnsoundPatternsError } from './errors.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import type { PatternSet } from './pattern-set.js';
import type { Surface } from './surface.js';
import { verifyPatterns } from './verify.js';

/** Role name → granted operation ids, from the test fixture (readers, model-approvers, admins) as `npm run generate` compiles it. */
function fixtureRoles(): Map<string, ReadonlySet<string>> {
  const compiled = compilePermissions(fixtureYaml(TEAM), CATALOGUE, MLFLOW_VERSION);
  if (!compiled.ok) throw new Error('the fixture does not compile');
  return new Map(compiled.permissions.roles.map((r) => [r.name, new Set(r.operations)]));
}

const ROLES = fixtureRoles();
const built = new Map<string, PatternSet>();
function patternsOf(role: string, surface: Surface): PatternSet {
  const key = `${role} ${surface}`;
  let patterns = built.get(key);
  if (patterns === undefined) {
    patterns = buildPatterns(CATALOGUE, { surface, granted: ROLES.get(role) as ReadonlySet<string> });
    built.set(key, patterns);
  }
  return patterns;
}
const cases = [...ROLES.keys()].flatMap((role) => (['iam', 'browser'] as const).map((surface) => [role, surface] as const));

describe('buildPatterns on the fixture roles', () => {
  it.each(cases)('%s on the %s surface: sound, deterministic, scoped', (role, surface) => {
    const patterns = patternsOf(role, surface);
    const request = { surface, granted: ROLES.get(role) as ReadonlySet<string> };
    expect(verifyPatterns(CATALOGUE, request, patterns)).toEqual({ violations: [], problems: [] });
    expect(buildPatterns(CATALOGUE, request)).toEqual(patterns);
    expect([...patterns.allow].sort()).toEqual(patterns.allow);
    for (const deny of MALFORMED_PATH_DENIES) expect(patterns.deny).toContain(deny);
    for (const allow of patterns.allow) expect(allow).toMatch(surface === 'iam' ? /^(GET|HEAD|POST|PUT|PATCH|DELETE)\/api\// : /^(GET|HEAD|POST|PUT|PATCH|DELETE)\//);
  });

  it('keeps readers out of the auth-admin routes beside their broad reads, whatever the spelling', () => {
    const patterns = patternsOf('readers', 'iam');
    const allows = (path: string) => patterns.allow.some((a) => globMatches(a, `GET${path}`)) && !patterns.deny.some((d) => globMatches(d, `GET${path}`));
    // Broad: one allow covers reads the catalogue does not list by name (any run id, any experiment).
    expect(allows('/api/2.0/mlflow/experiments/get')).toBe(true);
    expect(patterns.allow.length).toBeLessThan([...(ROLES.get('readers') ?? [])].length);
    for (const path of ['/api/2.0/mlflow/users/get', '/api/2.0/mlflow/%75sers/get', '/api/2.0/mlflow/u%73ers/get', '/api/3.0/mlflow/users/get', '/api/2.0/mlflow/roles/get', '/api/2.0/mlflow/%72oles/get']) {
      expect(allows(path), path).toBe(false);
    }
  });

  it('needs every deny it emits: dropping any one lets a request through (the check can fail)', () => {
    for (const [role, surface] of [['readers', 'iam'], ['model-approvers', 'iam']] as const) {
      const patterns = patternsOf(role, surface);
      const request = { surface, granted: ROLES.get(role) as ReadonlySet<string> };
      const own = patterns.deny.filter((d) => !MALFORMED_PATH_DENIES.includes(d));
      expect(own.length, `${role}: denies of its own`).toBeGreaterThan(0);
      for (const deny of own) {
        const weakened = { allow: patterns.allow, deny: patterns.deny.filter((d) => d !== deny) };
        expect(verifyPatterns(CATALOGUE, request, weakened).violations.length, `${role} without ${deny}`).toBeGreaterThan(0);
      }
      const widened = { allow: patterns.allow.map((a) => a.replace(/^(\w+)\/api\/.*$/, '$1/api/*')), deny: patterns.deny };
      expect(widened.allow.filter((a, i) => a !== patterns.allow[i]).length, `${role}: allows widened`).toBeGreaterThan(0);
      expect(verifyPatterns(CATALOGUE, request, widened).violations).toContainEqual(expect.objectContaining({ kind: 'over-grant' }));
    }
  });
});

describe('buildPatterns on other grants', () => {
  it('denies the escaped spellings of a literal route that a granted template could reach', () => {
    const patterns = buildPatterns(CATALOGUE, { surface: 'iam', granted: new Set(['GetTraceInfoV3']) });
    expect(patterns.allow).toEqual(['GET/api/3.0/mlflow/traces/*', 'HEAD/api/3.0/mlflow/traces/*']);
    // `traces/get` itself, and `%67et` and the like: escapes at a parameter's position can only be denied by character.
    expect(patterns.deny).toEqual(expect.arrayContaining(['GET/api/3.0/mlflow/traces/get', 'GET/api/3.0/mlflow/traces/*/*/*', '*%67*', '*%65*', '*%74*']));
  });

  it('grants nothing for nothing', () => {
    expect(buildPatterns(CATALOGUE, { surface: 'iam', granted: new Set() })).toEqual({ allow: [], deny: [...MALFORMED_PATH_DENIES].sort(), collisions: [] });
  });

  it('fails closed with a typed error naming a request when globs cannot separate the routes', () => {
    const granted = new Set(['DeleteDataset', 'DeleteDatasetTag']);
    expect(() => buildPatterns(CATALOGUE, { surface: 'iam', granted })).toThrow(UnsoundPatternsError);
    expect(() => buildPatterns(CATALOGUE, { surface: 'iam', granted })).toThrow(/DELETE \/api\/3\.0\/mlflow\/datasets\/.*\/records runs DeleteDatasetRecords/);
  });

  it('fails closed on the smallest colliding class when asked: only the tag named `records` is lost', () => {
    const request = { surface: 'iam' as const, granted: new Set(['DeleteDataset', 'DeleteDatasetTag']) };
    const patterns = buildPatterns(CATALOGUE, request, { collisions: 'fail-closed' });
    expect(() => buildPatterns(CATALOGUE, request)).toThrow(/DELETE \/api\/3\.0\/mlflow\/datasets\/x\/records runs DeleteDatasetRecords/);
    expect(patterns.collisions).toEqual([
      {
        method: 'DELETE',
        deny: 'DELETE/api/3.0/mlflow/datasets/*/records',
        protects: { operation: 'DeleteDatasetRecords', route: '/api/3.0/mlflow/datasets/<dataset_id>/records', example: '/api/3.0/mlflow/datasets/x/records' },
        lost: [{ operation: 'DeleteDatasetTag', route: '/api/3.0/mlflow/datasets/<dataset_id>/tags/<key>', example: '/api/3.0/mlflow/datasets/x/tags/records' }],
      },
    ]);
    expectCollisionsExact(request, patterns);
  });

  it('on random grants: sound except exactly on the declared collisions; refusing only with UnsoundPatternsError', () => {
    const ids = CATALOGUE.map((op) => op.id);
    const runs = Number(process.env.PATTERN_PROPERTY_RUNS ?? 4);
    let built = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.subarray(ids, { minLength: 1 }), fc.constantFrom<Surface>('iam', 'browser'), (ops, surface) => {
        const request = { surface, granted: new Set(ops) };
        const patterns = buildPatterns(CATALOGUE, request, { collisions: 'fail-closed' });
        built++;
        expectCollisionsExact(request, patterns);
        try {
          expect(buildPatterns(CATALOGUE, request)).toEqual({ ...patterns, collisions: [] });
          expect(patterns.collisions).toEqual([]);
        } catch (error) {
          if (!(error instanceof UnsoundPatternsError)) throw error;
          expect(patterns.collisions.length).toBeGreaterThan(0);
          refused++;
        }
      }),
      { numRuns: runs, seed: process.env.PATTERN_PROPERTY_SEED === undefined ? undefined : Number(process.env.PATTERN_PROPERTY_SEED) },
    );
    expect(built).toBe(runs);
    expect(refused).toBeLessThanOrEqual(built);
  });
});

/**
 * The set allows nothing the role lacks; every canonical request the role has is allowed but for those the
 * collisions' denies match, and each declared collision really loses its example request.
 */
function expectCollisionsExact(request: { surface: Surface; granted: ReadonlySet<string> }, patterns: BuiltPatterns): void {
  const colliding = patterns.collisions.map((c) => c.deny);
  const full = verifyPatterns(CATALOGUE, request, patterns);
  expect(full.problems).toEqual([]);
  for (const v of full.violations) {
    expect(v.kind, `${v.method} ${v.path}`).toBe('under-grant');
    expect(colliding.some((d) => globMatches(d, v.method + v.path)), `${v.method} ${v.path}`).toBe(true);
  }
  const without = verifyPatterns(CATALOGUE, request, { allow: patterns.allow, deny: patterns.deny.filter((d) => !colliding.includes(d)) });
  expect(without.violations.filter((v) => v.kind === 'under-grant')).toEqual([]);
  for (const c of patterns.collisions) {
    for (const lost of c.lost) {
      expect(request.granted.has(lost.operation)).toBe(true);
      expect(globMatches(c.deny, c.method + lost.example)).toBe(true);
    }
    expect(request.granted.has(c.protects.operation)).toBe(false);
  }
}
