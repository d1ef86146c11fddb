import { expect, it } from 'vitest';
import { MemoryStorage } from '../../test/support/memory-storage.js';
import { ReturnRoute } from './return-route.js';

it('gives back the hash remembered for the same sign-in state, once', () => {
  const route = new ReturnRoute(new MemoryStorage());
  route.remember('state-1', '#/experiments/1/runs/abc');
  expect(route.take('state-1')).toBe('#/experiments/1/runs/abc');
  expect(route.take('state-1')).toBe('');
});

it('gives nothing for another state, a stored value that is not a hash, or garbage', () => {
  const storage = new MemoryStorage();
  const route = new ReturnRoute(storage);
  route.remember('state-1', '#/models');
  expect(route.take('state-2')).toBe('');
  route.remember('state-1', 'javascript:alert(1)');
  expect(route.take('state-1')).toBe('');
  storage.setItem('mlflow-login:return', '{not json');
  expect(route.take('state-1')).toBe('');
});
