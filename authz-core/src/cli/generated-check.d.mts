// Types of generated-check.mjs (plain JavaScript: `npm run generate -- --check` runs it without a compiler).
import type { Manifest } from '../generate/formats.js';

/** generated/manifest.json as written by `npm run generate`. */
export type RecordedManifest = Manifest;

/** What {@link generatedStaleness} needs to know. */
export interface StalenessOptions {
  /** The project whose permissions.yaml and generated/ are checked. */
  readonly root: string;
  /** The checkout whose generator sources and node_modules the manifest's `generator` hashes refer to. */
  readonly projectDir: string;
  /** Default `root/permissions.yaml`. */
  readonly permissionsFile?: string;
  /** How reasons name the permissions file (default `permissions.yaml`). */
  readonly shownFile?: string;
}

/**
 * Why generated/ under `root` is stale, one reason per difference (empty when it is current), from the hashes in
 * generated/manifest.json; `manifest` is null when it is missing or unreadable.
 */
export function generatedStaleness(options: StalenessOptions): Promise<{ manifest: RecordedManifest | null; stale: string[] }>;
