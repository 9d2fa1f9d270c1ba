import { createInProcessEventBus, createInProcessRpc, type EventBus, type ProcessedEventLog, type Rpc } from '@dms/bus';
import type { EventData, EventEnvelope, ExpectedSettings, RpcResponse, TopicName } from '@dms/contracts';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import express from 'express';
import { createDiagnostics, defaultDiagnosticsSettings, type Diagnostics, type DiagnosticsSettings } from '../diagnostics';
import { expectedFor } from './expected-settings.fixture';

export const ADMIN_TOKEN = 'diag-admin-token';

type Envelope<T extends TopicName> = EventEnvelope<T, EventData<T>>;
type Terminal = NonNullable<RpcResponse<'subscriber-terminal.get-terminal.v1'>['terminal']>;

/** Forgets every id: a redelivery reaches the handler, as after an expired idempotency window. */
export const forgetfulLog: ProcessedEventLog = { isProcessed: async () => false, markProcessed: async () => undefined };

export interface HarnessParts {
  bus?: EventBus;
  rpc?: Rpc;
  store?: DocumentStore;
  config?: Partial<DiagnosticsSettings>;
  /** config.expected-settings.v1 stand-in; `silent` registers no responder (config down). */
  expected?: ((query: { manufacturer?: string; model?: string; tac?: string }) => ExpectedSettings | null) | 'silent';
  /** subscriber-terminal.get-terminal.v1 / get-subscriber.v1 stand-ins, by IMEI; `silent` registers none. */
  terminals?: Map<string, Partial<Terminal>> | 'silent';
  clock?: () => Date;
}

export interface Harness {
  bus: EventBus;
  rpc: Rpc;
  store: DocumentStore;
  service: Diagnostics;
  http: RunningHttpServer;
  /** config.expected-settings.v1 requests seen. */
  configQueries: unknown[];
  events: { [T in 'diagnostics.report-completed.v1' | 'dm.command-requested.v1']: Envelope<T>[] };
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; type: string; body: Json }>;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers loosely
type Json = any;

function terminalOf(imei: string, partial: Partial<Terminal>): Terminal {
  return { imei, givenImei: imei, tac: imei.slice(0, 8), lastSeenAt: '2026-11-28T00:00:00.000Z', catalog: null, ...partial };
}

/** diagnostics on in-process bus and RPC and an embedded store, its router on a port-0 server. */
export async function startHarness(parts: HarnessParts = {}): Promise<Harness> {
  const logger = createLogger({ service: 'diagnostics-test', level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });
  const bus = parts.bus ?? createInProcessEventBus({ source: '/test', processedLog: forgetfulLog, logger });
  const rpc = parts.rpc ?? createInProcessRpc();
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const terminals = parts.terminals === 'silent' || parts.terminals === undefined ? new Map<string, Partial<Terminal>>() : parts.terminals;
  const configQueries: unknown[] = [];
  const responders = parts.terminals === 'silent' ? [] : [
    await rpc.serve({
      subject: 'subscriber-terminal.get-terminal.v1',
      handler: async ({ imei }) => ({ terminal: terminals.has(imei) ? terminalOf(imei, terminals.get(imei)!) : null }),
    }),
    await rpc.serve({
      subject: 'subscriber-terminal.get-subscriber.v1',
      handler: async ({ msisdn }) => {
        const found = [...terminals.entries()].find(([, t]) => t.currentMsisdn === msisdn);
        if (found === undefined) return { subscriber: null };
        return { subscriber: { msisdn, imsi: '262011234567890', attributes: {}, eligibility: 'unknown', lastSeenAt: '2026-11-28T00:00:00.000Z', terminal: terminalOf(found[0], found[1]), history: [] } };
      },
    }),
  ];
  const expected = parts.expected ?? expectedFor;
  if (expected !== 'silent')
    responders.push(
      await rpc.serve({
        subject: 'config.expected-settings.v1',
        handler: async (query) => {
          configQueries.push(query);
          return { expected: expected(query) };
        },
      }),
    );
  const config = defaultDiagnosticsSettings({ adminToken: ADMIN_TOKEN, notify: false, rpcTimeoutMs: 300, ...parts.config });
  const service = createDiagnostics({ bus, rpc, store, logger, config, ...(parts.clock ? { clock: parts.clock } : {}) });
  const events: Harness['events'] = { 'diagnostics.report-completed.v1': [], 'dm.command-requested.v1': [] };
  const watchers = [
    await bus.subscribe({ topic: 'diagnostics.report-completed.v1', group: `watch-reports-${config.consumerGroup}`, handler: async (e) => void events['diagnostics.report-completed.v1'].push(e) }),
    await bus.subscribe({ topic: 'dm.command-requested.v1', group: `watch-jobs-${config.consumerGroup}`, handler: async (e) => void events['dm.command-requested.v1'].push(e) }),
  ];
  await service.start();
  const app = express();
  app.use(service.router);
  app.use(problemHandler(logger));
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    bus,
    rpc,
    store,
    service,
    http,
    configQueries,
    events,
    async api(method, path, body, token = ADMIN_TOKEN) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await http.close();
      await service.stop();
      await Promise.all([...watchers, ...responders].map((w) => w.close()));
      if (parts.bus === undefined) await bus.close();
      if (parts.rpc === undefined) await rpc.close();
      if (parts.store === undefined) await store.close();
    },
  };
}

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
