import { describe, expect, it } from 'vitest';
// This test keeps the gateway's copy of the authorizer's list equal to it.
import { COOKIE_METHODS as AUTHORIZER_COOKIE_METHODS, COOKIE_OPERATIONS as AUTHORIZER_COOKIE_OPERATIONS } from '@mlflow-authz/authorizer';
import { COOKIE_METHODS, COOKIE_OPERATIONS } from './identity-sources.js';

describe('cookie routes', () => {
  it('are the ones the authorizer accepts the cookie on', () => {
    expect([...COOKIE_OPERATIONS].sort()).toEqual([...AUTHORIZER_COOKIE_OPERATIONS].sort());
    expect([...COOKIE_METHODS].sort()).toEqual([...AUTHORIZER_COOKIE_METHODS].sort());
  });
});
