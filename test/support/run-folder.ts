// A folder of the vitest run that test processes share for what is built once per run (local mode's authorizer
// bundle and ui-patch build, its OIDC signing key). Made by run-folder-setup.ts, removed when the run ends.
import { inject } from 'vitest';

/** The key under which the run folder's path is provided. */
export const RUN_FOLDER_KEY = 'runFolder';

declare module 'vitest' {
  export interface ProvidedContext {
    [RUN_FOLDER_KEY]: string;
  }
}

/** The run folder (only inside a test process of a project whose global setup includes run-folder-setup.ts). */
export function runFolder(): string {
  return inject(RUN_FOLDER_KEY);
}
