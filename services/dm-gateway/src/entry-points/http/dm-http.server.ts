import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { DmGatewayConfig } from '../../config';

export type DmHttpServerOptions = Pick<
  DmGatewayConfig,
  'port' | 'tlsCertFile' | 'tlsKeyFile' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'
> & {
  /** Interface to bind; unset = all interfaces (the standalone service). */
  host?: string;
};

/** The listening server of main.ts: HTTPS when both the certificate and the key file are configured. */
export function listenDmHttp(app: express.Express, options: DmHttpServerOptions): Promise<Server> {
  const { tlsCertFile, tlsKeyFile } = options;
  const server =
    tlsCertFile !== undefined && tlsKeyFile !== undefined
      ? createHttpsServer({ cert: readFileSync(tlsCertFile), key: readFileSync(tlsKeyFile) }, app)
      : createHttpServer(app);
  // Slow or stalled handsets are cut; keep-alive sockets are reused between the messages of a session.
  server.requestTimeout = options.requestTimeoutMs;
  server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = options.keepAliveTimeoutMs;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** The port a server listens on (port 0 in tests). */
export const listeningPort = (server: Server): number => (server.address() as AddressInfo).port;
