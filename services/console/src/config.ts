import {
  defineConfig,
  field,
  infrastructureFields,
  logLevelSchema,
  millisecondsSchema,
  natsUrlField,
  portSchema,
  serviceStoreFields,
  type LoadedConfig,
} from '@dms/service-kit';
import { hostname } from 'node:os';
import { z } from 'zod';

/** The tuning fields, shared with the embedded process (same variable, default and doc). */
export const consoleSettingsFields = {
  sessionIdleTtlMs: field({
    env: 'DMS_CONSOLE_SESSION_IDLE_MS',
    schema: millisecondsSchema,
    default: 1_800_000,
    doc: 'A console session unused this long expires',
  }),
  sessionMaxAgeMs: field({
    env: 'DMS_CONSOLE_SESSION_MAX_AGE_MS',
    schema: millisecondsSchema,
    default: 43_200_000,
    doc: 'A console session expires this long after sign-in, used or not',
  }),
  signInMaxFailures: field({
    env: 'DMS_CONSOLE_SIGN_IN_MAX_FAILURES',
    schema: z.coerce.number().int().min(1),
    default: 5,
    doc: 'Failed sign-ins of one user name that lock it',
  }),
  signInLockMs: field({
    env: 'DMS_CONSOLE_SIGN_IN_LOCK_MS',
    schema: millisecondsSchema,
    default: 900_000,
    doc: 'Length of a sign-in lock-out (and the window in which failures are counted)',
  }),
  rpcTimeoutMs: field({
    env: 'DMS_CONSOLE_RPC_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 3_000,
    doc: 'Longest wait for another service; after it the UI shows "service unavailable"',
  }),
  dashboardMinutes: field({
    env: 'DMS_CONSOLE_DASHBOARD_MINUTES',
    schema: z.coerce.number().int().min(5).max(1440),
    default: 60,
    doc: 'Minutes of per-minute counts the dashboard keeps and shows',
  }),
  tenantAttribute: field({
    env: 'DMS_CONSOLE_TENANT_ATTRIBUTE',
    schema: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    optional: true,
    doc: 'Subscriber attribute naming the corporate tenant when provisioning gives no tenantId; unset = tenantId only',
  }),
};

/**
 * The one config of the console (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_NATS_URL,
 * DMS_MONGO_URL or DMS_REDIS_URL it uses the in-process bus and RPC, the embedded SQLite
 * store and the in-memory key-value store (one instance only: sessions live there).
 */
export const consoleConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_CONSOLE', 'console'),
  natsUrl: natsUrlField,
  port: field({ env: 'PORT', schema: portSchema, default: 8080, doc: 'HTTP port of the console UI and API' }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  liveGroup: field({
    env: 'DMS_CONSOLE_LIVE_GROUP',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
    default: `console-live.${hostname()}.${process.pid}`,
    doc: 'Consumer group of the live feed; must differ per instance so that each sees every event',
  }),
  ...consoleSettingsFields,
});

export type ConsoleConfig = LoadedConfig<typeof consoleConfig>;
/** What createConsole needs of a config (the embedded process builds it from its own). */
export type ConsoleSettings = Pick<ConsoleConfig, keyof typeof consoleSettingsFields | 'liveGroup'>;
