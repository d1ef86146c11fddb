import { describe, expect, it } from 'vitest';
import { WORST_CASE_VALUES, stageArnPrefix, substitutePlaceholders } from './placeholders.js';
import { arnChars } from './policy-size.js';

describe('placeholders', () => {
  it('leave the stage concrete and substitute the rest', () => {
    expect(stageArnPrefix('prod')).toBe('arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/prod/');
    expect(substitutePlaceholders(stageArnPrefix('prod'), { Partition: 'aws', Region: 'eu-west-1', Account: '1', ApiId: 'abc' })).toBe('arn:aws:execute-api:eu-west-1:1:abc/prod/');
    expect(substitutePlaceholders('${Other}', WORST_CASE_VALUES)).toBe('${Other}');
  });

  it('measure with the longest values', () => {
    expect(arnChars(stageArnPrefix('prod'))).toBe('arn:aws-us-gov:execute-api:us-isof-south-1:123456789012:a1b2c3d4e5/prod/'.length);
  });
});
