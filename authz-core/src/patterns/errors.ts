import type { Violation } from './search.js';

/**
 * No sound pattern set could be built (or a given one is unsound): the violations are concrete requests on
 * which the patterns and the catalogue disagree. Callers must fail closed.
 */
export class UnsoundPatternsError extends Error {
  constructor(
    readonly context: string,
    readonly violations: readonly Violation[],
    readonly problems: readonly string[] = [],
  ) {
    const lines = [
      ...problems,
      ...violations
        .slice(0, 10)
        .map((v) => `${v.kind} (${v.cause}): ${v.method} ${v.path} runs ${v.operation} (${v.route})${v.patterns.length > 0 ? ` via ${v.patterns.join(', ')}` : ''}`),
    ];
    super(`${context}: no sound execute-api patterns\n  ${lines.join('\n  ')}`);
    this.name = 'UnsoundPatternsError';
  }
}
