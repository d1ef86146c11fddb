// The projects test/support/global-setup.ts generated for this run: a fixture, a worked example or the real
// permissions.yaml, each a folder with its permissions.yaml and the generated/ `npm run generate` wrote for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { FixtureName } from '../fixtures/index.js';

/** The key under which the global setup provides the folder of the run's generated projects. */
export const PROJECTS_KEY = 'generatedProjectsDir';

declare module 'vitest' {
  export interface ProvidedContext {
    [PROJECTS_KEY]: string;
  }
}

/** One `npm run generate` of the run: where it wrote, and what the command answered. */
export interface GeneratedProject {
  readonly key: string;
  /** The project folder: `permissions.yaml` and `generated/`. */
  readonly root: string;
  /** The permissions file it was made from. */
  readonly source: string;
  readonly strict: boolean;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

let projects: Record<string, GeneratedProject> | undefined;

/** Every generated project of the run, by key: `fixture:NAME`, `example:NAME`, `permissions.yaml`. */
export function generatedProjects(): Readonly<Record<string, GeneratedProject>> {
  projects ??= JSON.parse(readFileSync(join(inject(PROJECTS_KEY), 'projects.json'), 'utf8')) as Record<string, GeneratedProject>;
  return projects;
}

/** A project `npm run generate` wrote (throws, with the command's output, if it did not). */
export function generatedProject(key: string): GeneratedProject {
  const project = generatedProjects()[key];
  if (project === undefined) throw new Error(`no generated project ${key}: test/support/global-setup.ts makes ${Object.keys(generatedProjects()).join(', ')}`);
  if (project.status !== 0) throw new Error(`npm run generate failed for ${project.source} (exit ${project.status}):\n${project.stderr}`);
  return project;
}

/** The generated project of a fixture. */
export function fixtureProject(name: FixtureName): GeneratedProject {
  return generatedProject(`fixture:${name}`);
}
