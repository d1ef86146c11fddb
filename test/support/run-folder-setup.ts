// Global setup of every vitest project: makes the run folder (run-folder.ts) and removes it when the run ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { RUN_FOLDER_KEY } from './run-folder.js';

/** Provides a fresh temporary folder; the teardown removes it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'authz-run-'));
  project.provide(RUN_FOLDER_KEY, dir);
  return () => rm(dir, { recursive: true, force: true });
}
