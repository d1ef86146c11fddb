import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodPart } from '@mlflow-authz/core';

/** Where proven parts are kept between runs, and the hash of the code that proved them. */
export interface PartCacheLocation {
  readonly dir: string;
  /** SHA-256 of the builder's code and the catalogue (the bundled worker): a part is reused only by the same code. */
  readonly codeHash: string;
}

/**
 * Proven method parts on disk, between runs of `npm run generate`: a re-run after a role changed rebuilds only the
 * parts of the methods its change touched. An entry is the part for one key of authz-core's `methodPartKey`
 * under one code hash, and is written by a rename (whole or not at all); an unreadable entry is a miss. Each code
 * hash keeps its parts in a subfolder of its own; opening the cache removes the others (best effort). Several runs
 * may share the folder at once — the suite's global setup runs two — so nothing here may fail because another run
 * created, emptied or removed something first. Safe to delete at any time.
 */
export class PartCache {
  private readonly dir: string;

  constructor(private readonly location: PartCacheLocation) {
    const own = location.codeHash.slice(0, 32) || 'none';
    this.dir = join(location.dir, own);
    try {
      mkdirSync(this.dir, { recursive: true });
      for (const entry of readdirSync(location.dir)) if (entry !== own) rmSync(join(location.dir, entry), { recursive: true, force: true });
    } catch {
      // Another run is tidying the same folder: a missing folder only turns reads into misses and writes into no-ops.
    }
  }

  /** The part cached under `key`, if any. */
  get(key: string): MethodPart | undefined {
    try {
      return JSON.parse(readFileSync(this.file(key), 'utf8')) as MethodPart;
    } catch {
      return undefined;
    }
  }

  /** Keeps `part` under `key` (best effort: a failure to write only costs a rebuild next time). */
  set(key: string, part: MethodPart): void {
    const file = this.file(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      writeFileSync(temp, JSON.stringify(part));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  /** How many parts are cached. */
  size(): number {
    try {
      return readdirSync(this.dir).filter((n) => n.endsWith('.json')).length;
    } catch {
      return 0;
    }
  }

  private file(key: string): string {
    return join(this.dir, `${createHash('sha256').update(`${this.location.codeHash}\n${key}`).digest('hex')}.json`);
  }
}
