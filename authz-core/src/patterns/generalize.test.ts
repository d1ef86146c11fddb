import { describe, expect, it } from 'vitest';
import { globIncluded } from './glob-relations.js';
import { generalizations } from './generalize.js';

describe('generalizations of two patterns', () => {
  it('puts `?` where equally long patterns differ, and `*` between their common ends', () => {
    expect(generalizations('GET/api/2.0/mlflow/*', 'GET/api/3.0/mlflow/*', globIncluded)).toEqual([
      { glob: 'GET/api/?.0/mlflow/*', by: '?' },
      { glob: 'GET/api/*.0/mlflow/*', by: '*' },
    ]);
    expect(generalizations('POST/api/2.0/mlflow/runs/search', 'POST/api/2.0/mlflow/experiments/search', globIncluded)).toContainEqual({
      glob: 'POST/api/2.0/mlflow/*s/search',
      by: '*',
    });
  });

  it('widens one pattern at the first difference when it then covers the other', () => {
    expect(generalizations('GET/api/2.0/mlflow*/*', 'GET/api/3.0/mlflow/*', globIncluded).map((g) => g.glob)).toContain('GET/api/?.0/mlflow*/*');
  });

  it('always covers both patterns', () => {
    const pairs = [
      ['GET/a/b', 'GET/a/c'],
      ['GET/x/*', 'GET/y/z'],
      ['POST/a?c/d', 'POST/abc/e*'],
    ] as const;
    for (const [a, b] of pairs) {
      for (const { glob } of generalizations(a, b, globIncluded)) {
        expect(globIncluded(a, glob) && globIncluded(b, glob)).toBe(true);
      }
    }
  });
});
