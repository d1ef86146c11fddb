import { expect, it } from 'vitest';
import { signInCallbackState } from './callback-address.js';

const BASE = 'https://h.example/prod/';

it.each([
  [`${BASE}?code=abc&state=s1`, 's1'],
  [`${BASE}?state=s2&code=abc&iss=x`, 's2'],
  [`${BASE}?error=access_denied&error_description=no&state=s3`, 's3'],
  [`${BASE}?code=abc&state=s4#/experiments/1`, 's4'],
  [`${BASE}?code=abc`, null],
  [`${BASE}?state=s5`, null],
  [`${BASE}?code=abc&state=`, null],
  [`${BASE}#/experiments/1?code=abc&state=s6`, null],
  ['https://h.example/prod/other?code=abc&state=s7', null],
  ['https://h.example/prod?code=abc&state=s8', null],
  ['https://other.example/prod/?code=abc&state=s9', null],
])('%s → %s', (href, state) => {
  expect(signInCallbackState(href, BASE)).toBe(state);
});
