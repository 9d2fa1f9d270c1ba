import { randomUUID } from 'node:crypto';
import { createInProcessEventBus, createInProcessRpc, type EventBus, type Rpc } from '@dms/bus';
import type { EventData, EventEnvelope, TopicName } from '@dms/contracts';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import express from 'express';
import { createConfigService, type ConfigService, type ConfigServiceSettings } from '../config-service';
import { defaultCampaignSettings } from '../campaigns';
import { SAMPLE_PROFILE_FILE } from './profiles.fixture';

export const ADMIN_TOKEN = 'test-admin-token';

type Envelope<T extends TopicName> = EventEnvelope<T, EventData<T>>;

/** Events of the given topics as a test consumer group sees them. */
export class Seen {
  readonly events: Envelope<TopicName>[] = [];

  static async on(bus: EventBus, topics: readonly TopicName[]): Promise<Seen> {
    const seen = new Seen();
    for (const topic of topics)
      await bus.subscribe({ topic, group: `seen-${randomUUID()}`, fromBeginning: true, handler: async (e) => void seen.events.push(e as Envelope<TopicName>) });
    return seen;
  }

  of<T extends TopicName>(topic: T): EventData<T>[] {
    return this.events.filter((e) => e.topic === topic).map((e) => e.data as EventData<T>);
  }
}

export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export const testSettings = (overrides: Partial<ConfigServiceSettings> = {}): ConfigServiceSettings => ({
  ...defaultCampaignSettings,
  campaignTickMs: 50,
  adminToken: ADMIN_TOKEN,
  consumerGroup: 'config',
  sampleProfileFile: SAMPLE_PROFILE_FILE,
  defaultProfileId: 'operator-default',
  retrySweepMs: 0,
  rpcTimeoutMs: 300,
  maxAttempts: 3,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  jobTtlMs: 3_600_000,
  notify: true,
  confirmText: 'Your operator will set up MMS and Internet on this phone. OK?',
  emailPromptText: 'Your e-mail address?',
  ...overrides,
});

export interface ConfigHarness {
  service: ConfigService;
  bus: EventBus;
  rpc: Rpc;
  store: DocumentStore;
  http: RunningHttpServer;
  seen: Seen;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are probed field by field
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; type: string }>;
  close(): Promise<void>;
}

export interface HarnessParts {
  bus?: EventBus;
  rpc?: Rpc;
  store?: DocumentStore;
  config?: Partial<ConfigServiceSettings>;
}

/** config on port 0 with the in-process bus and RPC and an in-memory SQLite store (or the adapters given). */
export async function startConfig(parts: HarnessParts = {}): Promise<ConfigHarness> {
  const bus = parts.bus ?? createInProcessEventBus({ source: '/services/config' });
  const rpc = parts.rpc ?? createInProcessRpc();
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const logger = createLogger({ service: 'config', level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });
  const service = createConfigService({ bus, rpc, store, logger, config: testSettings(parts.config) });
  const app = express();
  app.use(service.router);
  app.use(problemHandler(logger));
  await service.start();
  const seen = await Seen.on(bus, ['dm.command-requested.v1', 'config.applied.v1', 'config.failed.v1']);
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    service,
    bus,
    rpc,
    store,
    http,
    seen,
    async api(method, path, body, token = ADMIN_TOKEN) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text), type: res.headers.get('content-type') ?? '' };
    },
    async close() {
      await http.close();
      await service.stop();
      if (parts.bus === undefined) await bus.close();
      if (parts.rpc === undefined) await rpc.close();
      if (parts.store === undefined) await store.close();
    },
  };
}
