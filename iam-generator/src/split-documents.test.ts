import { describe, expect, it } from 'vitest';
import { policyChars } from './policy-size.js';
import { splitDocuments } from './split-documents.js';

const ARN = 'arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/prod/';

describe('splitDocuments', () => {
  const resources = {
    allow: Array.from({ length: 30 }, (_, i) => `${ARN}GET/api/2.0/mlflow/route-${i}`),
    deny: Array.from({ length: 10 }, (_, i) => `${ARN}GET/api/2.0/mlflow/route-${i}/x*`),
  };

  it('keeps everything in one document when it fits', () => {
    const [only, ...rest] = splitDocuments(resources);
    expect(rest).toEqual([]);
    expect(only?.Statement.map((s) => s.Resource.length)).toEqual([30, 10]);
  });

  it('splits into documents that each fit, keeping every resource once, in order', () => {
    const documents = splitDocuments(resources, 1500);
    expect(documents.length).toBeGreaterThan(2);
    for (const d of documents) expect(policyChars(d)).toBeLessThanOrEqual(1500);
    const flat = (effect: string) => documents.flatMap((d) => d.Statement.filter((s) => s.Effect === effect).flatMap((s) => s.Resource));
    expect(flat('Allow')).toEqual(resources.allow);
    expect(flat('Deny')).toEqual(resources.deny);
  });

  it('makes no document for no resources', () => {
    expect(splitDocuments({ allow: [], deny: [] })).toEqual([]);
  });

  it('refuses a resource that fits no document', () => {
    expect(() => splitDocuments({ allow: [`${ARN}GET/${'x'.repeat(200)}`], deny: [] }, 100)).toThrow(/does not fit/);
  });
});
