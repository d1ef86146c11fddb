import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalModeError } from '../errors.js';

/**
 * Starts `server` on `host:port` (0: any free port) and resolves with the port; a taken port or an address that
 * cannot be bound becomes a `LocalModeError` naming `what` and the flag that changes it.
 */
export function listen(server: Server, host: string, port: number, what: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new LocalModeError(`port ${port} on ${host} is taken: ${what} cannot start (choose another with ${flag})`));
      else if (error.code === 'EACCES') reject(new LocalModeError(`port ${port} on ${host} needs privileges: ${what} cannot start (choose another with ${flag})`));
      else reject(new LocalModeError(`${what} cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes `server`, ending idle keep-alive connections so that the close does not wait for clients. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
