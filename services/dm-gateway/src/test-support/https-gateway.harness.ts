import type { Server } from 'node:http';
import { createInProcessEventBus } from '@dms/bus';
import { createLogger, problemHandler } from '@dms/service-kit';
import { createEmbeddedStore, createMemoryKeyValueStore } from '@dms/store';
import express from 'express';
import { defaultSettings } from '../config';
import { createDmGateway } from '../dm-gateway';
import { listenDmHttp, listeningPort } from '../entry-points/http/dm-http.server';
import { EventLog } from './gateway.harness';

export interface HttpsGateway {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly events: EventLog;
  close(): Promise<void>;
}

/**
 * dm-gateway on the embedded adapters behind the server main.ts listens with (listenDmHttp),
 * given a certificate and key file, on 127.0.0.1 port 0.
 */
export async function startHttpsGateway(options: {
  adminToken: string;
  serverId: string;
  certFile: string;
  keyFile: string;
}): Promise<HttpsGateway> {
  const bus = createInProcessEventBus({ source: '/services/dm-gateway' });
  const store = createEmbeddedStore({ file: ':memory:' });
  const kv = createMemoryKeyValueStore();
  const logger = createLogger({ service: 'dm-gateway', level: 'silent' });
  const gateway = createDmGateway({
    bus,
    store,
    sessionState: kv,
    logger,
    config: defaultSettings({
      adminToken: options.adminToken,
      jobSweepIntervalMs: 0,
      serverId: options.serverId,
    }),
  });
  const app = express();
  app.use(gateway.router);
  app.use(problemHandler(logger));
  await gateway.start();
  const events = await EventLog.attach(bus);
  const server: Server = await listenDmHttp(app, {
    port: 0,
    host: '127.0.0.1',
    tlsCertFile: options.certFile,
    tlsKeyFile: options.keyFile,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 15_000,
  });
  const port = listeningPort(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    events,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gateway.stop();
      await bus.close();
      await store.close();
      await kv.close();
    },
  };
}
