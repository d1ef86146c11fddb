import { expect, it } from 'vitest';
import { logoutUrl } from './logout-url.js';

it('builds Cognito\'s /logout with client_id and an encoded logout_uri', () => {
  const url = new URL(logoutUrl('https://team.auth.eu-west-1.amazoncognito.com/logout', 'client123', 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/'));
  expect(url.origin + url.pathname).toBe('https://team.auth.eu-west-1.amazoncognito.com/logout');
  expect([...url.searchParams]).toEqual([
    ['client_id', 'client123'],
    ['logout_uri', 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/'],
  ]);
  expect(url.search).toContain('logout_uri=https%3A%2F%2Fabc.execute-api');
});
