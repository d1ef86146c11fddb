import { describe, expect, it } from 'vitest';
import { canonicalSpelling, mlflowDecodedSegments } from './mlflow-path.js';

describe('MLflow\'s reading of a raw path', () => {
  it('decodes valid escapes once and keeps invalid ones as written', () => {
    expect(mlflowDecodedSegments('/api/3.0/mlflow/traces/%73earch')).toEqual(['api', '3.0', 'mlflow', 'traces', 'search']);
    expect(mlflowDecodedSegments('/a%zz/%2541/%')).toEqual(['a%zz', '%41', '%']);
    expect(mlflowDecodedSegments('/%C3%A9/%C3')).toEqual(['é', '\uFFFD']);
    expect(mlflowDecodedSegments('/a/')).toEqual(['a', '']);
  });

  it('spells paths so that the strict router reads them alike', () => {
    expect(canonicalSpelling('/api/3.0/mlflow/traces/%73earch')).toBe('/api/3.0/mlflow/traces/search');
    expect(canonicalSpelling('/x/a%zz/%3a')).toBe('/x/a%25zz/%3A');
  });
});
