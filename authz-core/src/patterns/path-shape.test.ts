import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import type { PathClass } from './path-shape.js';
import { PATH_SHAPE_START, finalShape, stepShape } from './path-shape.js';

function shapeOf(path: string): PathClass {
  let state = PATH_SHAPE_START;
  for (const c of path.slice(1)) state = stepShape(state, c);
  return finalShape(state);
}

// The router's refusals the fixed denies must catch (decision contract, item 2), and those it need not.
const MALFORMED = new Set(['empty-segment', 'dot-segment', 'encoded-separator', 'encoded-dot', 'control-character', 'backslash']);
const router = new Router([]);

describe('path shape', () => {
  it.each([
    ['/api/2.0/mlflow/runs/get', 'canonical'],
    ['/a%20b/%C3%A9/%3A', 'canonical'],
    ['/', 'canonical'],
    ['/a/', 'canonical'],
    ['/a//b', 'malformed'],
    ['//a', 'malformed'],
    ['/a/./b', 'malformed'],
    ['/a/..', 'malformed'],
    ['/a/.', 'malformed'],
    ['/a/.b/..c/...', 'canonical'],
    ['/a\\b', 'malformed'],
    ['/a%2fb', 'malformed'],
    ['/a%5Cb', 'malformed'],
    ['/%2e%2e/b', 'malformed'],
    ['/a%00', 'malformed'],
    ['/a%1F', 'malformed'],
    ['/a%7f', 'malformed'],
    ['/traces/%73earch', 'non-canonical'],
    ['/a%7E', 'non-canonical'],
    ['/a%zz', 'non-canonical'],
    ['/a%', 'non-canonical'],
    ['/a%4', 'non-canonical'],
    ['/a%%2F', 'malformed'],
  ])('%s is %s', (path, expected) => {
    expect(shapeOf(path)).toBe(expected);
  });

  it('classifies random raw paths as the router reads them', () => {
    const path = fc.stringMatching(/^\/[a-z0-9%./\\~A-F-]{0,14}$/);
    fc.assert(
      fc.property(path, (p) => {
        const shape = shapeOf(p);
        const result = router.route('GET', p);
        const refused = result.kind === 'malformed';
        // The router reports the first problem it meets; the shape reports the worst one present.
        // Escaped bytes ≥ 0x80 count as canonical even when they are not valid UTF-8 (stricter, never laxer).
        if (shape === 'canonical') expect(refused && !(result.reason === 'bad-escape' && /%[89A-Fa-f]/.test(p))).toBe(false);
        else expect(refused).toBe(true);
        if (refused && MALFORMED.has(result.reason)) expect(shape).toBe('malformed');
        if (shape === 'non-canonical') expect(result.kind === 'malformed' && ['bad-escape', 'encoded-unreserved-character'].includes(result.reason)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
