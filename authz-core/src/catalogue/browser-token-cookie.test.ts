import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import { CATALOGUE } from './catalogue.js';
import { COOKIE_METHODS, COOKIE_OPERATIONS, TOKEN_COOKIE_NAME } from './data/browser-token-cookie.js';

describe('the browser token cookie', () => {
  it('names catalogue operations that are artifact reads served by GET only', () => {
    expect(COOKIE_OPERATIONS.size).toBe(4);
    for (const id of COOKIE_OPERATIONS) {
      const op = CATALOGUE.find((o) => o.id === id);
      expect(op, id).toBeDefined();
      expect(op?.access).toBe('read');
      expect(op?.area).toBe('artifacts');
      expect(op?.routes.every((r) => r.method === 'GET')).toBe(true);
    }
  });

  it('is accepted only for methods that change nothing, and routes HEAD like GET', () => {
    expect([...COOKIE_METHODS].sort()).toEqual(['GET', 'HEAD']);
    const router = new Router(CATALOGUE);
    const head = router.route('HEAD', '/get-artifact');
    expect(head.kind === 'operation' && head.operation.id).toBe('serve_artifacts');
  });

  it('has a __Host- name made of RFC 6265 token characters', () => {
    expect(TOKEN_COOKIE_NAME.startsWith('__Host-')).toBe(true);
    expect(TOKEN_COOKIE_NAME).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
  });
});
