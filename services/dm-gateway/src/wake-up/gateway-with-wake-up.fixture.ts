import { createInProcessEventBus, type EventBus, type Rpc } from '@dms/bus';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, createMemoryKeyValueStore, type KeyValueStore } from '@dms/store';
import express from 'express';
import { defaultSettings } from '../config';
import { createDmGateway, type DmGateway } from '../dm-gateway';
import type { DeviceWakeUp } from '../domain/device-wake-up.port';
import { EventLog } from '../test-support/gateway.harness';

export interface GatewayWithWakeUp {
  readonly gateway: DmGateway;
  readonly http: RunningHttpServer;
  readonly events: EventLog;
  /** The gateway's bus (dm.command-requested.v1 goes in here). */
  readonly bus: EventBus;
  /** The gateway's session state (server nonces live here). */
  readonly kv: KeyValueStore;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * Test support for the wake-up end-to-end test: dm-gateway composed as embedded mode does it
 * (in-process bus, in-memory SQLite store, memory session state) with the given DeviceWakeUp
 * and, when given, the Rpc of the subscriber-terminal lookups, served on port 0.
 */
export async function startGatewayWithWakeUp(
  wakeUp: DeviceWakeUp,
  options: { adminToken: string; serverId: string; logLevel?: 'silent' | 'debug'; rpc?: Rpc },
): Promise<GatewayWithWakeUp> {
  const logger = createLogger({ service: 'dm-gateway', level: options.logLevel ?? 'silent' });
  const bus = createInProcessEventBus({ source: '/services/dm-gateway' });
  const store = createEmbeddedStore({ file: ':memory:' });
  const kv = createMemoryKeyValueStore();
  const gateway = createDmGateway({
    bus,
    store,
    sessionState: kv,
    logger,
    wakeUp,
    ...(options.rpc === undefined ? {} : { rpc: options.rpc }),
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
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    gateway,
    http,
    events,
    bus,
    kv,
    async api(method, path, body) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await http.close();
      await gateway.stop();
      await bus.close();
      await store.close();
      await kv.close();
    },
  };
}
