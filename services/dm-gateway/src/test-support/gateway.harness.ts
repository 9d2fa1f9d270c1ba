import { randomUUID } from 'node:crypto';
import { createInProcessEventBus, type EventBus } from '@dms/bus';
import type { EventData, EventEnvelope, TopicName } from '@dms/contracts';
import { SimulatedHandset, type HandsetOptions } from '@dms/device-sim';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import express from 'express';
import { defaultSettings, type DmGatewaySettings } from '../config';
import { createDmGateway, type DmGateway } from '../dm-gateway';
import type { DeviceWakeUp } from '../domain/device-wake-up.port';

export const ADMIN_TOKEN = 'test-admin-token';

type Envelope<T extends TopicName> = EventEnvelope<T, EventData<T>>;

/** Every event of the gateway's topics, seen by a consumer group of the test. */
export class EventLog {
  readonly events: Envelope<TopicName>[] = [];

  static async attach(bus: EventBus, group = `test-${randomUUID()}`): Promise<EventLog> {
    const log = new EventLog();
    const topics = [
      'dm.command-completed.v1',
      'device.session-completed.v1',
      'device.inventory-reported.v1',
      'device.alert-raised.v1',
    ] as const;
    for (const topic of topics) {
      await bus.subscribe({
        topic,
        group: `${group}-${topic}`,
        fromBeginning: true,
        handler: async (event) => void log.events.push(event as Envelope<TopicName>),
      });
    }
    return log;
  }

  of<T extends TopicName>(topic: T): Envelope<T>[] {
    return this.events.filter((e) => e.topic === topic) as Envelope<T>[];
  }

  async waitFor<T extends TopicName>(
    topic: T,
    match: (e: Envelope<T>) => boolean,
    timeoutMs = 10_000,
  ): Promise<Envelope<T>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(topic).find(match);
      if (found !== undefined) return found;
      if (Date.now() > until) throw new TypeError(`no ${topic} event matched within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export interface GatewayHarness {
  readonly gateway: DmGateway;
  readonly http: RunningHttpServer;
  readonly dmUrl: string;
  readonly bus: EventBus;
  readonly store: DocumentStore;
  readonly kv: KeyValueStore;
  readonly events: EventLog;
  api(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: unknown; type: string }>;
  close(): Promise<void>;
}

export interface HarnessParts {
  bus?: EventBus;
  store?: DocumentStore;
  kv?: KeyValueStore;
  config?: Partial<DmGatewaySettings>;
  /** Attach an event log on this bus (default true). */
  events?: boolean;
  /** Package 0 sender of notify=true jobs (none = jobs wait for the handset's own session). */
  wakeUp?: DeviceWakeUp;
}

/** dm-gateway on port 0 with the embedded adapters (or the ones given) and the service-kit problem handler. */
export async function startGateway(parts: HarnessParts = {}): Promise<GatewayHarness> {
  const bus = parts.bus ?? createInProcessEventBus({ source: '/services/dm-gateway' });
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const kv = parts.kv ?? createMemoryKeyValueStore();
  const logger = createLogger({
    service: 'dm-gateway',
    level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent',
  });
  const gateway = createDmGateway({
    bus,
    store,
    sessionState: kv,
    logger,
    ...(parts.wakeUp === undefined ? {} : { wakeUp: parts.wakeUp }),
    config: defaultSettings({ adminToken: ADMIN_TOKEN, jobSweepIntervalMs: 0, ...parts.config }),
  });
  const app = express();
  app.use(gateway.router);
  app.use(problemHandler(logger));
  await gateway.start();
  const events = parts.events === false ? new EventLog() : await EventLog.attach(bus);
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    gateway,
    http,
    dmUrl: `${http.url}/dm`,
    bus,
    store,
    kv,
    events,
    async api(method, path, body, token = ADMIN_TOKEN) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text === '' ? undefined : JSON.parse(text),
        type: res.headers.get('content-type') ?? '',
      };
    },
    async close() {
      await http.close();
      await gateway.stop();
      if (parts.bus === undefined) await bus.close();
      if (parts.store === undefined) await store.close();
      if (parts.kv === undefined) await kv.close();
    },
  };
}

let imeiSerial = 100_000;

/** A valid IMEI (Luhn) device id, different on every call. */
export function nextDeviceId(): string {
  const body = `35693803${String(imeiSerial++).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let d = Number(body[13 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `IMEI:${body}${(10 - (sum % 10)) % 10}`;
}

export interface DeviceSpec {
  scheme: 'basic' | 'md5' | 'hmac';
  encoding: 'xml' | 'wbxml';
  deviceId?: string;
  handset?: Partial<HandsetOptions>;
}

/** Registers a DM account through the REST API and builds the matching simulated handset. */
export async function provisionHandset(h: GatewayHarness, spec: DeviceSpec): Promise<SimulatedHandset> {
  const deviceId = spec.deviceId ?? nextDeviceId();
  const account = {
    deviceId,
    username: `user-${deviceId.slice(-6)}`,
    password: 'client-secret',
    authType: spec.scheme,
    serverId: 'dms-test',
    serverPassword: 'server-secret',
  };
  const res = await h.api('POST', '/api/v1/dm-accounts', account);
  if (res.status !== 201) throw new TypeError(`account not created: ${res.status}`);
  return new SimulatedHandset({
    deviceId,
    family: 'oma-standard',
    encoding: spec.encoding,
    serverUrl: h.dmUrl,
    auth: {
      scheme: spec.scheme,
      username: account.username,
      password: account.password,
      serverId: account.serverId,
      serverPassword: account.serverPassword,
      verifyServer: true,
    },
    ...spec.handset,
  });
}
