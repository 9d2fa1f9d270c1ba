import { createInProcessEventBus, type EventBus, type ProcessedEventLog, type Rpc } from '@dms/bus';
import { createInProcessRpc } from '@dms/bus/src/rpc';
import type { EventData, EventEnvelope } from '@dms/contracts';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { createMemoryKeyValueStore } from '@dms/store/src/memory/memory-key-value.store';
import express from 'express';
import type { SubscriptionDirectory } from '../domain/subscription-directory.port';
import {
  createSubscriberTerminal,
  type SubscriberTerminal,
  type SubscriberTerminalSettings,
} from '../subscriber-terminal';

export const ADMIN_TOKEN = 'test-admin-token';

export function settings(overrides: Partial<SubscriberTerminalSettings> = {}): SubscriberTerminalSettings {
  return {
    adminToken: ADMIN_TOKEN,
    consumerGroup: 'subscriber-terminal',
    catalogCacheTtlMs: 60_000,
    catalogCacheEntries: 1000,
    retentionDays: 30,
    historyOnRemoval: 'anonymise',
    anonymiseSalt: 'pepper',
    cleanupIntervalMs: 0,
    directoryTimeoutMs: 200,
    planServices: { gold: ['data', 'mms'] },
    ...overrides,
  };
}

/** Forgets every id: stands for an idempotency window that expired, or a crash before the mark. */
export const forgetfulLog: ProcessedEventLog = {
  isProcessed: async () => false,
  markProcessed: async () => undefined,
};

export interface Harness {
  bus: EventBus;
  rpc: Rpc;
  store: DocumentStore;
  cache: KeyValueStore;
  service: SubscriberTerminal;
  http: RunningHttpServer;
  /** terminal.subscriber-updated.v1 events seen by a test consumer group. */
  updates: EventEnvelope<'terminal.subscriber-updated.v1', EventData<'terminal.subscriber-updated.v1'>>[];
  close(): Promise<void>;
}

export interface HarnessParts {
  bus?: EventBus;
  rpc?: Rpc;
  store?: DocumentStore;
  cache?: KeyValueStore;
  directory?: SubscriptionDirectory;
  config?: Partial<SubscriberTerminalSettings>;
}

/** The service on the embedded adapters (or the ones given), with its router on a port-0 HTTP server. */
export async function startHarness(parts: HarnessParts = {}): Promise<Harness> {
  const logger = createLogger({
    service: 'subscriber-terminal-test',
    level: (process.env['ST_TEST_LOG'] as 'silent') ?? 'silent',
  });
  const bus =
    parts.bus ?? createInProcessEventBus({ source: '/services/test', processedLog: forgetfulLog, logger });
  const rpc = parts.rpc ?? createInProcessRpc();
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const cache = parts.cache ?? createMemoryKeyValueStore();
  const config = settings(parts.config);
  const service = createSubscriberTerminal({
    bus,
    rpc,
    store,
    cache,
    logger,
    config,
    ...(parts.directory ? { subscriptionDirectory: parts.directory } : {}),
  });
  const updates: Harness['updates'] = [];
  const watcher = await bus.subscribe({
    topic: 'terminal.subscriber-updated.v1',
    group: `${config.consumerGroup}-watcher`,
    handler: async (event) => {
      updates.push(event);
    },
  });
  await service.start();
  const app = express();
  app.use(service.router);
  app.use(problemHandler(logger));
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    bus,
    rpc,
    store,
    cache,
    service,
    http,
    updates,
    async close() {
      await http.close();
      await service.stop();
      await watcher.close();
      await bus.close();
      await rpc.close();
      await store.close();
      await cache.close();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers loosely
type Json = any;

export async function api(
  h: Harness,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; body: Json; type: string | null }> {
  const response = await fetch(`${h.http.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : JSON.parse(text),
    type: response.headers.get('content-type'),
  };
}
