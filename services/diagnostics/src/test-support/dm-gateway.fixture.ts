// Test-only: a real dm-gateway in this process, so a diagnostic job runs end to end on a
// simulated handset. Production code never imports another service (STYLE.md 1); the
// relative path avoids adding @dms/dm-gateway to this package (the shared lockfile).
import type { EventBus } from '@dms/bus';
import { SimulatedHandset, type HandsetOptions } from '@dms/device-sim';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, createMemoryKeyValueStore } from '@dms/store';
import express from 'express';
import { defaultSettings } from '../../../dm-gateway/src/config';
import { createDmGateway } from '../../../dm-gateway/src/dm-gateway';

const TOKEN = 'gateway-test-token';

export interface GatewayFixture {
  readonly dmUrl: string;
  /** A DM account on the gateway and the matching handset (md5 digest, XML). */
  handset(deviceId: string, options: Partial<HandsetOptions>): Promise<SimulatedHandset>;
  /** True once the gateway queued (or already ran) the job. */
  hasJob(deviceId: string, jobId: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startGatewayFixture(bus: EventBus): Promise<GatewayFixture> {
  const store = createEmbeddedStore({ file: ':memory:' });
  const kv = createMemoryKeyValueStore();
  const logger = createLogger({ service: 'dm-gateway', level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });
  const gateway = createDmGateway({ bus, store, sessionState: kv, logger, config: defaultSettings({ adminToken: TOKEN, jobSweepIntervalMs: 0 }) });
  const app = express();
  app.use(gateway.router);
  app.use(problemHandler(logger));
  await gateway.start();
  const http: RunningHttpServer = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${http.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    dmUrl: `${http.url}/dm`,
    async handset(deviceId, options) {
      const account = { deviceId, username: `u-${deviceId.slice(-6)}`, password: 'client-secret', authType: 'md5', serverId: 'dms-test', serverPassword: 'server-secret' };
      const res = await call('POST', '/api/v1/dm-accounts', account);
      if (res.status !== 201) throw new TypeError(`account not created: ${res.status}`);
      return new SimulatedHandset({
        deviceId,
        family: 'oma-standard',
        encoding: 'xml',
        serverUrl: `${http.url}/dm`,
        auth: { scheme: 'md5', username: account.username, password: account.password, serverId: account.serverId, serverPassword: account.serverPassword },
        ...options,
      });
    },
    async hasJob(deviceId, jobId) {
      const res = await call('GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs/${encodeURIComponent(jobId)}`);
      return res.status === 200;
    },
    async close() {
      await http.close();
      await gateway.stop();
      await store.close();
      await kv.close();
    },
  };
}
