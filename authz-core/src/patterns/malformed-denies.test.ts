import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import { GlobAutomaton, globMatches } from './glob.js';
import { MALFORMED_PATH_DENIES } from './malformed-denies.js';
import { PATH_SHAPE_START, finalShape, shapeClasses, shapeIsMalformed, stepShape } from './path-shape.js';

const router = new Router([]);
const denied = (request: string): boolean => MALFORMED_PATH_DENIES.some((d) => globMatches(d, request));

describe('the malformed-path denies', () => {
  it('catch every malformed class, mid-path and last, for every method', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      for (const path of ['//x', '/a//b', '/a/./b', '/./b', '/a/../b', '/a/.', '/a/..', '/.', '/a\\b', '/a%2Fb', '/a%2fb', '/a%5Cb', '/a%5cb', '/a%2Eb', '/%2e', '/a%00', '/a%0a', '/a%1F', '/a%7F', '/a%7f']) {
        expect(denied(method + path), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('leave every canonical path alone', () => {
    for (const path of ['/', '/a/', '/a.b/.c/..d', '/a%20b', '/a%2Db', '/a%3A', '/%C3%A9', '/a%7E', '/%25', '/a%3F%2A']) {
      expect(denied('GET' + path), path).toBe(false);
    }
  });

  it('on random paths: deny only what the router refuses, and everything of the malformed classes', () => {
    const path = fc.stringMatching(/^\/[a-z0-9%./\\~A-F-]{0,14}$/);
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'DELETE'), path, (method, p) => {
        let shape = PATH_SHAPE_START;
        for (const c of p.slice(1)) shape = stepShape(shape, c);
        if (denied(method + p)) expect(router.route(method, p).kind).toBe('malformed');
        if (finalShape(shape) === 'malformed') expect(denied(method + p)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('match exactly the malformed paths and none that is canonical: proof over all paths', () => {
    // Every path, explored one class of alike characters at a time, through the deny globs and the path shape.
    const globs = new GlobAutomaton(MALFORMED_PATH_DENIES);
    const queue: [number, number, string][] = [[globs.step(globs.step(globs.step(globs.step(globs.start, 'G'), 'E'), 'T'), '/'), PATH_SHAPE_START, '/']];
    const seen = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const [g, s, path] = queue[i] as [number, number, string];
      const key = `${g},${s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const shape = finalShape(s);
      if (shape === 'malformed') expect(globs.accepts(g), path).toBe(true);
      if (shape === 'canonical') expect(globs.accepts(g), path).toBe(false);
      if (shapeIsMalformed(s) && globs.isSaturated(g)) continue;
      const chars = new Set([...globs.relevantChars(g), ...shapeClasses(s).map((group) => group[0] as string), 'x']);
      for (const group of shapeClasses(s)) for (const c of group) chars.add(c);
      for (const c of chars) queue.push([globs.step(g, c), stepShape(s, c), path + c]);
    }
    expect(seen.size).toBeGreaterThan(50);
  });
});
