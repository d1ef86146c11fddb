// Typed errors of the authorizer. Only `UNAUTHORIZED` ever leaves the handler as a thrown error: API Gateway
// answers 401 for exactly that message and 500 for anything else.

/** The exact message API Gateway turns into a 401 (any other thrown message becomes a 500). */
export const UNAUTHORIZED = 'Unauthorized';

/** The error the handler throws for a missing or invalid token; its message is exactly `Unauthorized`. */
export function unauthorized(): Error {
  // A 401 is an answer, not a fault: capturing a stack for it would cost every anonymous request (the reason is
  // in the decision log), so none is captured.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Error(UNAUTHORIZED);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A token that cannot be trusted: why is logged (never the token itself), the caller gets a 401. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** An event API Gateway would never send (no methodArn, a methodArn that does not parse): a 401, never a 500. */
export class MalformedEventError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MalformedEventError';
  }
}

/** A deployment mistake found at cold start (a missing or invalid environment variable). */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
