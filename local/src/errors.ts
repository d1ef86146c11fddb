/**
 * A problem the user can fix (a port taken, a missing or broken file, stale generated/ files): the CLI prints its
 * message as one line, without a stack trace, and exits 1.
 */
export class LocalModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalModeError';
  }
}
