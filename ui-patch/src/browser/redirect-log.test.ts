import { expect, it } from 'vitest';
import { MemoryStorage } from '../../test/support/memory-storage.js';
import { RedirectLog } from './redirect-log.js';

it('allows three sign-in redirects within two minutes, then stops until time passes or the user asks', () => {
  let now = 1_000_000;
  const storage = new MemoryStorage();
  const log = new RedirectLog(storage, () => now);
  for (let i = 0; i < 3; i++) {
    expect(log.mayRedirect()).toBe(true);
    log.record();
    now += 10_000;
  }
  expect(log.mayRedirect()).toBe(false);
  expect(new RedirectLog(storage, () => now).mayRedirect()).toBe(false); // survives the page reloads of a loop
  now += 120_000;
  expect(log.mayRedirect()).toBe(true);
  log.record();
  log.record();
  log.record();
  log.clear();
  expect(log.mayRedirect()).toBe(true);
});

it('ignores stored garbage and times from the future', () => {
  const storage = new MemoryStorage();
  storage.setItem('mlflow-login:redirects', '[1e20, "x", null, 5]');
  expect(new RedirectLog(storage, () => 10).mayRedirect()).toBe(true);
  storage.setItem('mlflow-login:redirects', 'not json');
  expect(new RedirectLog(storage, () => 10).mayRedirect()).toBe(true);
});
