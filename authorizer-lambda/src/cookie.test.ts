import { describe, expect, it } from 'vitest';
import { findCookie, TOKEN_COOKIE_NAME } from './cookie.js';

describe('findCookie', () => {
  it.each([
    ['a=1; __Host-mlflow-token=abc; b=2', { kind: 'value', value: 'abc' }],
    ['__Host-mlflow-token="abc"', { kind: 'value', value: 'abc' }],
    ['__Host-mlflow-token=abc; __Host-mlflow-token=abc', { kind: 'value', value: 'abc' }],
    ['__Host-mlflow-token=abc; __Host-mlflow-token=def', { kind: 'ambiguous' }],
    ['x__Host-mlflow-token=abc; mlflow-token=abc', { kind: 'absent' }],
    ['', { kind: 'absent' }],
  ])('%j', (header, expected) => {
    expect(findCookie(header, '__Host-mlflow-token')).toEqual(expected);
  });
});

describe('TOKEN_COOKIE_NAME', () => {
  it('is the name the UI login sets (authz-core holds it for both sides)', () => {
    expect(TOKEN_COOKIE_NAME).toBe('__Host-mlflow-token');
  });
});
