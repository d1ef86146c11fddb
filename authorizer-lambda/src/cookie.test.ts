import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@mlflow-authz/core';
import { findCookie } from './cookie.js';
import { COOKIE_OPERATIONS } from './cookie-operations.js';

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

describe('COOKIE_OPERATIONS', () => {
  it('names catalogue operations that are artifact reads served by GET only', () => {
    for (const id of COOKIE_OPERATIONS) {
      const op = CATALOGUE.find((o) => o.id === id);
      expect(op, id).toBeDefined();
      expect(op?.access).toBe('read');
      expect(op?.routes.every((r) => r.method === 'GET')).toBe(true);
    }
  });
});
