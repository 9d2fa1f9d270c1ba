import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperationalError } from '../errors/dms.error';

export interface HttpServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 0.0.0.0; tests use 127.0.0.1. */
  host?: string;
  /**
   * Pending-connection queue. Node's 511 overflows when a wake-up campaign makes a thousand
   * handsets connect at once, and the kernel then resets the excess (read ECONNRESET on the
   * handset); the kernel caps it at net.core.somaxconn. Default 4096.
   */
  backlog?: number;
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly port: number;
  /** Base URL such as `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets. Use as a shutdown hook. */
  close(): Promise<void>;
}

export class HttpListenError extends OperationalError {
  constructor(port: number, cause: unknown) {
    super('HTTP_LISTEN_FAILED', `cannot listen on port ${port}`, { cause, details: { port } });
  }
}

export function startHttpServer(
  handler: RequestListener,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const server = createServer(handler);
  const host = options.host ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new HttpListenError(options.port, error)));
    server.listen({ port: options.port, host, backlog: options.backlog ?? 4096 }, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
      resolve({ server, port, url: `http://${shownHost}:${port}`, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive sockets with no request in flight would otherwise hold close() open until they time out.
    server.closeIdleConnections();
  });
}
