// Per-file test fixtures registered as vitest hooks: a local JWKS endpoint and captured logs.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { JwksServer } from './jwks-server.js';
import { startJwksServer } from './jwks-server.js';
import type { TestKey } from './keys.js';
import { jwksOf } from './keys.js';
import type { LogCapture } from './log-capture.js';
import { captureLogs } from './log-capture.js';

/** Serves the keys' JWKS on 127.0.0.1 for the tests of the calling file; call the result inside a test or hook. */
export function useJwksServer(...keys: readonly TestKey[]): () => JwksServer {
  let server: JwksServer | undefined;
  beforeAll(async () => {
    server = await startJwksServer(jwksOf(...keys));
  });
  afterAll(() => server?.close());
  return () => {
    if (server === undefined) throw new Error('the JWKS server starts in beforeAll');
    return server;
  };
}

/** Captures (and silences) stdout and stderr during each test of the calling file. */
export function useLogCapture(): () => LogCapture {
  let logs: LogCapture | undefined;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs?.stop());
  return () => {
    if (logs === undefined) throw new Error('logs are captured from beforeEach');
    return logs;
  };
}
