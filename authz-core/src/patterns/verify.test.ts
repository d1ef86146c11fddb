import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue/catalogue.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import { patternProblems, verifyPatterns } from './verify.js';

const MALFORMED = [...MALFORMED_PATH_DENIES];
const TRACES = '/api/3.0/mlflow/traces';

function check(granted: string[], allow: string[], deny: string[] = []) {
  return verifyPatterns(CATALOGUE, { surface: 'iam', granted: new Set(granted) }, { allow, deny: [...MALFORMED, ...deny] });
}

describe('verifyPatterns', () => {
  it('accepts an exact allow for a literal route', () => {
    expect(check(['SearchTracesV3'], [`POST${TRACES}/search`])).toEqual({ violations: [], problems: [] });
  });

  it('finds a literal route reached through a template pattern, and its escaped spelling', () => {
    const { violations } = check(['CreateAssessment'], [`POST${TRACES}/*`]);
    expect(violations).toContainEqual(expect.objectContaining({ kind: 'over-grant', cause: 'canonical', path: `${TRACES}/search`, operation: 'SearchTracesV3' }));
    const fixed = check(['CreateAssessment'], [`POST${TRACES}/*`], [`POST${TRACES}/search`, `POST${TRACES}/s*`, `POST${TRACES}/b*`, `POST${TRACES}/c*`, `POST${TRACES}/m*`, `POST${TRACES}/d*`]);
    const escaped = fixed.violations.find((v) => v.cause === 'non-canonical' && v.operation === 'SearchTracesV3');
    expect(escaped?.path).toMatch(/^\/api\/3\.0\/mlflow\/traces\/%73/);
  });

  it('finds a route reached because `*` spans segments', () => {
    const { violations } = check(['GetTraceInfoV3'], [`GET${TRACES}/*`]);
    expect(violations).toContainEqual(
      expect.objectContaining({ kind: 'over-grant', cause: 'canonical', operation: 'GetAssessment', path: expect.stringMatching(/\/traces\/[^/]+\/assessments\/[^/]+$/) }),
    );
  });

  it('finds requests a granted route serves that nothing allows, or that a deny blocks', () => {
    expect(check(['GetTraceInfoV3', 'GetTrace'], [`GET${TRACES}/get`]).violations).toContainEqual(
      expect.objectContaining({ kind: 'under-grant', operation: 'GetTraceInfoV3' }),
    );
    expect(check(['GetTraceInfoV3'], [`GET${TRACES}/*`, `HEAD${TRACES}/*`], [`GET${TRACES}/a*`]).violations).toContainEqual(
      expect.objectContaining({ kind: 'under-grant', operation: 'GetTraceInfoV3', path: `${TRACES}/a`, patterns: [`GET${TRACES}/a*`] }),
    );
  });

  it('holds HEAD to the GET routes Flask answers it for', () => {
    const { violations } = check(['GetRun'], ['GET/api/2.0/mlflow/runs/get']);
    expect(violations).toEqual([expect.objectContaining({ kind: 'under-grant', method: 'HEAD', path: '/api/2.0/mlflow/runs/get' })]);
  });

  it('guards against a stripped trailing slash where the router routes nothing', () => {
    const denies = ['GET', 'HEAD'].flatMap((m) => [`${m}${TRACES}/*/assessments/*`, `${m}${TRACES}/get`, `${m}${TRACES}/batchGet`]);
    const { violations } = check(['GetTraceInfoV3'], [`GET${TRACES}/*`, `HEAD${TRACES}/*`], denies);
    expect(violations).toContainEqual(expect.objectContaining({ cause: 'trailing-slash', path: `${TRACES}/get/`, operation: 'GetTrace' }));
  });

  it('guards against a stripped trailing slash also where the router routes the path with it to a granted operation', () => {
    // `…/mcp-servers/x/versions/` routes to delete_mcp_server_version (version ""), but MLflow, handed
    // `…/mcp-servers/x/versions`, runs delete_mcp_server (name "x/versions"), which the role lacks.
    const mcp = '/api/3.0/mlflow/mcp-servers';
    const request = { surface: 'iam' as const, granted: new Set(['delete_mcp_server_version']) };
    const broad = verifyPatterns(CATALOGUE, request, { allow: [`DELETE${mcp}/*/versions/*`], deny: MALFORMED });
    expect(broad.violations).toContainEqual(expect.objectContaining({ kind: 'over-grant', cause: 'trailing-slash', operation: 'delete_mcp_server', path: expect.stringMatching(/\/versions\/$/) }));
    // Denying them is no under-grant where the path without the slash runs delete_mcp_server: the guard must deny
    // those. (It still loses `…/x/versions/versions/`, whose path without the slash is a granted version.)
    const guarded = verifyPatterns(CATALOGUE, request, { allow: [`DELETE${mcp}/*/versions/*`], deny: [...MALFORMED, `DELETE${mcp}/*/versions/`] });
    expect(guarded.violations.filter((v) => v.operation === 'delete_mcp_server')).toEqual([]);
    expect(guarded.violations).toContainEqual(expect.objectContaining({ kind: 'under-grant', path: `${mcp}/x/versions/versions/` }));
    expect(guarded.violations).not.toContainEqual(expect.objectContaining({ kind: 'under-grant', path: `${mcp}/x/versions/` }));
  });

  it('judges a set alone when a shared guard holds the malformed-path denies', () => {
    // Every path this allow matches holds `%0` and one more character: an escaped control character (malformed)
    // or a bad escape such as `%0z`, which only the guard's `*%0?*` denies and MLflow routes as written.
    const request = { surface: 'iam' as const, granted: new Set<string>() };
    const own = { allow: [`GET${TRACES}/%0?*`], deny: [] };
    expect(verifyPatterns(CATALOGUE, request, { allow: own.allow, deny: MALFORMED })).toEqual({ violations: [], problems: [] });
    expect(verifyPatterns(CATALOGUE, request, own).problems).toHaveLength(MALFORMED.length);
    const alone = verifyPatterns(CATALOGUE, request, own, 20, { malformedDenies: 'shared' });
    expect(alone.problems).toEqual([]);
    expect(alone.violations).toContainEqual(expect.objectContaining({ kind: 'over-grant', cause: 'non-canonical', operation: 'GetTraceInfoV3', path: expect.stringMatching(/\/traces\/%0[^0-9a-fA-F]/) }));
  });

  it('reports structural problems', () => {
    expect(patternProblems({ allow: ['*/api/x', 'GET/api/é', 'GET/api/\u0100'], deny: [] })).toEqual([
      ...MALFORMED_PATH_DENIES.map((d) => `missing malformed-path deny ${d}`),
      'allow */api/x does not start with a concrete method',
      'pattern "GET/api/\u0100" has characters IAM policies cannot hold',
    ]);
  });
});
