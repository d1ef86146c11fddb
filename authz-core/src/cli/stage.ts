// The seam between `npm run generate` and the packages downstream of authz-core: a stage takes the files
// authz-core planned for generated/ (its inputs, as it would read them from disk) and returns the files it
// adds, all in memory, so that the pipeline can validate everything before it writes anything.
import type { SigV4Exception } from '../generate/formats.js';
import type { DocumentSize } from '../lint/document-size.js';

export { consoleOutput } from './output.js';
export type { Output } from './output.js';
export { runGenerate } from './pipeline.js';
export type { GenerateOptions } from './pipeline.js';
export type { SigV4Exception } from '../generate/formats.js';
export type { DocumentSize } from '../lint/document-size.js';

/** Something a stage found about one role (and one of its operations, when it is about one). */
export interface StageFinding {
  readonly role: string;
  readonly operation?: string;
  /** One line, without the role's name (the pipeline prefixes `permissions.yaml:LINE:COL: role R:`). */
  readonly message: string;
}

/** What a stage returns: its files, or the problems that stop generation. */
export interface StageResult {
  /** Path from the project root (under generated/) → content. */
  readonly files: ReadonlyMap<string, string>;
  /** Problems the user must fix; nothing is written while there is any. */
  readonly errors: readonly StageFinding[];
  /** Likely mistakes and declared inexactness; printed, fatal only with `--strict`. */
  readonly warnings: readonly StageFinding[];
  /** Requests a role may call that its IAM policies deny (also in `warnings`); listed in PERMISSIONS.md. */
  readonly sigv4Exceptions: readonly SigV4Exception[];
  /** Sizes of the documents the stage plans, for the `document-size` warning (authz lint's rule). */
  readonly documentSizes?: readonly DocumentSize[];
  /** One line for the terminal, e.g. `generated/iam/: 3 roles, 7 files`. */
  readonly summary: string;
}

/** A generate stage of a downstream package. */
export interface GenerateStage {
  readonly name: string;
  /** Plans the stage's files from authz-core's planned files; rejects only on a bug (never for bad input). */
  run(planned: ReadonlyMap<string, string>): Promise<StageResult>;
}
