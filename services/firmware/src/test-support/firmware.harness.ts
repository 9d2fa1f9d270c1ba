import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createInProcessEventBus, createInProcessRpc, type EventBus, type ProcessedEventLog, type Rpc } from '@dms/bus';
import type { ConsentState, EventData, EventEnvelope, TopicName } from '@dms/contracts';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import express from 'express';
import { defaultFirmwareSettings } from '../config';
import { createFirmwareService, type FirmwareService, type FirmwareServiceSettings } from '../firmware-service';

export const ADMIN_TOKEN = 'fw-admin-token';
const DOWNLOAD_SECRET = 'fw-download-secret-for-tests-0123456789';

type Envelope<T extends TopicName> = EventEnvelope<T, EventData<T>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers loosely
type Json = any;

/** Forgets every id: a redelivery reaches the handler. */
const forgetfulLog: ProcessedEventLog = { isProcessed: async () => false, markProcessed: async () => undefined };

export interface FirmwareHarness {
  bus: EventBus;
  rpc: Rpc;
  store: DocumentStore;
  service: FirmwareService;
  http: RunningHttpServer;
  /** update-firmware consent per MSISDN as diagnostics would answer it (default not-asked). */
  consent: Map<string, ConsentState>;
  events: { [T in 'firmware.update-completed.v1' | 'firmware.rollout-changed.v1' | 'dm.command-requested.v1']: Envelope<T>[] };
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
  /** Registers an Ed25519 key for the manufacturer (once) and a package signed with it. */
  registerPackage(p: { manufacturer: string; model: string; version: string; fromVersions?: string[]; bytes?: Buffer }): Promise<Json>;
  close(): Promise<void>;
}

export interface HarnessParts {
  bus?: EventBus;
  rpc?: Rpc;
  store?: DocumentStore;
  config?: Partial<FirmwareServiceSettings>;
  clock?: () => number;
}

export async function startFirmwareHarness(parts: HarnessParts = {}): Promise<FirmwareHarness> {
  const logger = createLogger({ service: 'firmware-test', level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });
  const bus = parts.bus ?? createInProcessEventBus({ source: '/test', processedLog: forgetfulLog, logger });
  const rpc = parts.rpc ?? createInProcessRpc();
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const consent = new Map<string, ConsentState>();
  const responder = await rpc.serve({ subject: 'diagnostics.check-consent.v1', handler: async ({ msisdn }) => ({ state: consent.get(msisdn) ?? 'not-asked' }) });
  const app = express();
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  const service = createFirmwareService({
    bus,
    rpc,
    store,
    logger,
    config: defaultFirmwareSettings({ adminToken: ADMIN_TOKEN, downloadSecret: DOWNLOAD_SECRET, publicBaseUrl: http.url, tickMs: 0, notify: false, ...parts.config }),
    ...(parts.clock === undefined ? {} : { clock: parts.clock }),
  });
  app.use(service.router);
  app.use(problemHandler(logger));
  const events: FirmwareHarness['events'] = { 'firmware.update-completed.v1': [], 'firmware.rollout-changed.v1': [], 'dm.command-requested.v1': [] };
  const watchers = await Promise.all(
    (Object.keys(events) as (keyof FirmwareHarness['events'])[]).map((topic) =>
      bus.subscribe({ topic, group: `watch-${topic}`, handler: async (e) => void (events[topic] as unknown[]).push(e) }),
    ),
  );
  await service.start();
  const api: FirmwareHarness['api'] = async (method, path, body, headers = {}) => {
    const isBytes = Buffer.isBuffer(body);
    const res = await fetch(`${http.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': isBytes ? 'application/octet-stream' : 'application/json', ...headers },
      ...(body === undefined ? {} : { body: isBytes ? new Uint8Array(body) : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const keys = new Map<string, { keyId: string; privateKey: KeyObject }>();
  return {
    bus,
    rpc,
    store,
    service,
    http,
    consent,
    events,
    api,
    async registerPackage(p) {
      let key = keys.get(p.manufacturer);
      if (key === undefined) {
        const pair = generateKeyPairSync('ed25519');
        const added = await api('POST', '/api/v1/firmware/keys', { manufacturer: p.manufacturer, publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) });
        if (added.status !== 201) throw new TypeError(`key not registered: ${added.status} ${JSON.stringify(added.body)}`);
        key = { keyId: added.body.keyId, privateKey: pair.privateKey };
        keys.set(p.manufacturer, key);
      }
      const bytes = p.bytes ?? Buffer.from(`${p.manufacturer} ${p.model} firmware ${p.version}\n`.repeat(100));
      const query = new URLSearchParams({
        manufacturer: p.manufacturer,
        model: p.model,
        version: p.version,
        keyId: key.keyId,
        signature: sign(null, bytes, key.privateKey).toString('base64'),
        ...(p.fromVersions === undefined ? {} : { fromVersions: p.fromVersions.join(',') }),
      });
      const res = await api('POST', `/api/v1/firmware/packages?${query}`, bytes);
      if (res.status !== 201 && res.status !== 200) throw new TypeError(`package not registered: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async close() {
      await service.stop();
      await Promise.all(watchers.map((w) => w.close()));
      await responder.close();
      await http.close();
      await store.close();
    },
  };
}

/** Retries `check` until it passes (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
