import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedEventError } from './errors.js';
import { MethodArnReader, parseMethodArn } from './method-arn.js';

describe('parseMethodArn', () => {
  it('splits on the first five colons only: the path keeps its own colons', () => {
    const arn = parseMethodArn('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/prod/GET/counters/HOUR/2021-08-01T00:00:00Z/x');
    expect(arn).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      account: '123456789012',
      apiId: 'a1b2c3',
      stage: 'prod',
      verb: 'GET',
      path: '/counters/HOUR/2021-08-01T00:00:00Z/x',
    });
  });

  it('reads the root resource (trailing slash) as the path /', () => {
    expect(parseMethodArn('arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/').path).toBe('/');
  });

  it('keeps the path verbatim (escapes, slashes, dots)', () => {
    expect(parseMethodArn('arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/a%2Fb//../c').path).toBe('/a%2Fb//../c');
  });

  it('reads other partitions', () => {
    expect(parseMethodArn('arn:aws-cn:execute-api:cn-north-1:123456789012:abc/prod/POST/x').partition).toBe('aws-cn');
  });

  it.each([
    '',
    'arn:aws:execute-api',
    'arn:aws:execute-api:eu-west-1:123456789012',
    'arn:aws:execute-api:eu-west-1:123456789012:abc',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET',
    'arn:aws:lambda:eu-west-1:123456789012:abc/prod/GET/x',
    'xrn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/x',
    'arn:aws:execute-api:*:123456789012:abc/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:*:abc/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:*/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/*/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/*/x',
    'arn:aws:execute-api:eu-west-1:123456789012:ab?/prod/GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc//GET/x',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/get/x',
  ])('refuses %j (wildcards in the api id, stage or verb: a policy naming the ARN would reach beyond this request)', (arn) => {
    expect(() => parseMethodArn(arn)).toThrow(MalformedEventError);
  });
});

describe('MethodArnReader', () => {
  // ARNs of a few APIs and stages, valid and broken, so the remembered prefix is hit, missed and nearly hit.
  const prefix = fc.constantFrom(
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/dev/',
    'arn:aws:execute-api:eu-west-1:123456789012:abcd/prod/',
    'arn:aws:execute-api:eu-west-1:12345678901:abc/prod/',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/prod',
    'arn:aws:execute-api:eu-west-1:123456789012:abc/*/',
  );
  const verb = fc.constantFrom('GET', 'POST', 'get', '', '*', 'GET/', 'VERYLONGVERBNAME17');
  const rest = fc.constantFrom('/', '/a/b', '/x:y', '', '//', '/a%2Fb', 'x');
  const arn = fc.oneof(fc.tuple(prefix, verb, rest).map(([p, v, r]) => p + v + r), fc.string({ maxLength: 60 }));

  it('gives what parseMethodArn gives, or throws what it throws, over any sequence of ARNs', () => {
    const outcome = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (err) {
        return { error: err instanceof MalformedEventError ? 'malformed' : String(err) };
      }
    };
    fc.assert(
      fc.property(fc.array(arn, { minLength: 1, maxLength: 12 }), (arns) => {
        const reader = new MethodArnReader();
        for (const a of arns) expect(outcome(() => reader.read(a))).toEqual(outcome(() => parseMethodArn(a)));
      }),
      { numRuns: 2000 },
    );
  });
});
