import { createHash } from 'node:crypto';

/**
 * The key of a set of granted operations in the precomputed pattern table: the first 16 hex digits of the
 * SHA-256 of the sorted ids joined by newlines. Role sets granting the same operations share it.
 */
export function grantKey(operations: Iterable<string>): string {
  return createHash('sha256').update([...operations].sort().join('\n')).digest('hex').slice(0, 16);
}
