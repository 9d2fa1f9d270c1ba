import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInProcessEventBus,
  createInProcessRpc,
  InProcessRpcHub,
  type InProcessEventBus,
  type Rpc,
} from '@dms/bus';
import type { RpcResponse } from '@dms/contracts';
import { createLogger, OperationalError, problemHandler } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import express from 'express';
import type { Server } from 'node:http';
import { createConsole, type Console } from '../console';
import type { ConsoleSettings } from '../config';
import type { Role } from '../domain/roles';

type Subscriber = NonNullable<RpcResponse<'subscriber-terminal.get-subscriber.v1'>['subscriber']>;

export const PASSWORD = 'correct horse battery';

/** Two companies, a consumer line, each with a handset (IMEIs Luhn-valid). */
export const LINES = {
  acme: { msisdn: '491700000001', imei: '490154203237518', tenantId: 'acme' },
  globex: { msisdn: '491700000002', imei: '356938035643809', tenantId: 'globex' },
  consumer: { msisdn: '491700000003', imei: '352099001761481', tenantId: undefined },
} as const;

export const USERS: Record<Role, { username: string; tenantId?: string; msisdn?: string }> = {
  'operator-admin': { username: 'olga' },
  'customer-care': { username: 'carl' },
  'corporate-admin': { username: 'cora', tenantId: 'acme' },
  'end-user': { username: 'eddie', msisdn: LINES.consumer.msisdn },
};

export function subscriberFixture(line: (typeof LINES)[keyof typeof LINES]): Subscriber {
  return {
    msisdn: line.msisdn,
    imsi: '262011234567890',
    ...(line.tenantId === undefined ? {} : { tenantId: line.tenantId }),
    attributes: {},
    eligibility: 'unknown',
    lastSeenAt: '2026-11-28T10:00:00Z',
    terminal: {
      imei: line.imei.slice(0, 14),
      givenImei: line.imei,
      currentMsisdn: line.msisdn,
      tac: line.imei.slice(0, 8),
      manufacturer: 'Nokia',
      model: '6230i',
      fwV: 'V 03.88',
      lastSeenAt: '2026-11-28T10:00:00Z',
      catalog: null,
    },
    history: [{ imei: line.imei.slice(0, 14), from: '2026-11-28T10:00:00Z', to: null, sourceEventId: 'e1' }],
  };
}

/** Tests read answers by path (`body.subscriber.tenantId`); a precise type per route would only restate them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnswerBody = any;

export interface ConsoleHarness {
  url: string;
  bus: InProcessEventBus;
  /** An endpoint on the same RPC hub, to serve the subjects of the other services. */
  peer: Rpc;
  service: Console;
  cache: KeyValueStore;
  store: DocumentStore;
  /** Changes the tenant subscriber-terminal's fixture answers for a line (no event is published). */
  setTenant(msisdn: string, tenantId: string | undefined): void;
  signIn(role: Role): Promise<string>;
  call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; type: string; body: AnswerBody }>;
  close(): Promise<void>;
}

/**
 * The console on the real embedded-mode adapters (in-process bus and RPC, SQLite store,
 * in-memory key-value store) behind an express app on port 0, a user of every role, and
 * subscriber-terminal's lookups served from fixtures on the same RPC hub.
 */
export async function startConsoleHarness(settings: Partial<ConsoleSettings> = {}): Promise<ConsoleHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  const logger = createLogger({ service: 'console-test', level: 'silent' });
  const hub = new InProcessRpcHub();
  const rpc = createInProcessRpc({ hub, logger });
  const peer = createInProcessRpc({ hub, logger });
  const bus = createInProcessEventBus({ source: '/test', logger });
  const store = createEmbeddedStore({ file: join(dir, 'console.sqlite') });
  const cache = createMemoryKeyValueStore();
  const service = createConsole({
    bus,
    rpc,
    store,
    cache,
    logger,
    config: {
      liveGroup: 'console-live',
      sessionIdleTtlMs: 60_000,
      sessionMaxAgeMs: 120_000,
      signInMaxFailures: 3,
      signInLockMs: 60_000,
      rpcTimeoutMs: 500,
      dashboardMinutes: 60,
      tenantAttribute: undefined,
      ...settings,
    },
  });
  const subscribers = new Map<string, Subscriber>(
    Object.values(LINES).map((l) => [l.msisdn, subscriberFixture(l)]),
  );
  await peer.serve({
    subject: 'subscriber-terminal.get-subscriber.v1',
    handler: async ({ msisdn }) => ({ subscriber: subscribers.get(msisdn) ?? null }),
  });
  await peer.serve({
    subject: 'subscriber-terminal.get-terminal.v1',
    handler: async ({ imei }) => {
      const owner = [...subscribers.values()].find(
        (s) => s.terminal?.givenImei === imei || s.terminal?.imei === imei,
      );
      return { terminal: owner?.terminal ?? null };
    },
  });
  await service.start();
  const app = express();
  app.use(service.router);
  app.use(problemHandler(logger));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call: ConsoleHarness['call'] = async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, type, body: type.includes('json') && text ? JSON.parse(text) : text };
  };
  // The first admin creates the others through the API, as an operator would.
  const first = await service.ensureFirstAdmin();
  const adminToken = (await call('POST', '/api/v1/console/session', undefined, first)).body.token as string;
  for (const [role, user] of Object.entries(USERS))
    await call('POST', '/api/v1/console/users', adminToken, { ...user, role, password: PASSWORD });

  return {
    url,
    bus,
    peer,
    service,
    cache,
    store,
    setTenant(msisdn, tenantId) {
      const current = subscribers.get(msisdn);
      if (current === undefined)
        throw new OperationalError('TEST_NO_FIXTURE', `no subscriber fixture for ${msisdn}`);
      const { tenantId: _previous, ...rest } = current;
      subscribers.set(msisdn, { ...rest, ...(tenantId === undefined ? {} : { tenantId }) });
    },
    async signIn(role) {
      const answer = await call('POST', '/api/v1/console/session', undefined, {
        username: USERS[role].username,
        password: PASSWORD,
      });
      if (answer.status !== 201) throw new TypeError(`sign-in as ${role}: ${answer.status}`);
      return answer.body.token as string;
    },
    call,
    async close() {
      service.endStreams();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
      await bus.close();
      await rpc.close();
      await peer.close();
      await store.close();
      await cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
