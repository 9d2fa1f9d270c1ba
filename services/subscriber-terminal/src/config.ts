import {
  defineConfig,
  infrastructureFields,
  serviceStoreFields,
  natsUrlField,
  field,
  logLevelSchema,
  millisecondsSchema,
  portSchema,
  secret,
  type LoadedConfig,
} from '@dms/service-kit';
import { z } from 'zod';

const planServicesSchema = z.string().transform((value, ctx) => {
  const plans: Record<string, string[]> = {};
  for (const item of value
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [plan, services] = item.split('=');
    if (!plan || services === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not plan=service,service` });
      return z.NEVER;
    }
    plans[plan.trim()] = services
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return plans;
});

/**
 * The one config of subscriber-terminal (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_NATS_URL,
 * DMS_MONGO_URL or DMS_REDIS_URL the process uses the in-process bus and RPC, the embedded
 * SQLite store and the in-memory key-value store (embedded mode).
 */
export const subscriberTerminalConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_ST', 'subscriber-terminal'),
  natsUrl: natsUrlField,
  port: field({
    env: 'PORT',
    schema: portSchema,
    default: 8080,
    doc: 'HTTP port of the REST API and /healthz /readyz /metrics',
  }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({
    env: 'DMS_ADMIN_TOKEN',
    doc: 'Bearer token required by every /api/v1 route of this service',
  }),
  consumerGroup: field({
    env: 'DMS_ST_GROUP',
    schema: z.string().min(1),
    default: 'subscriber-terminal',
    doc: 'Consumer group of the detection, inventory and subscription subscriptions',
  }),
  catalogCacheTtlMs: field({
    env: 'DMS_ST_CATALOG_CACHE_TTL_MS',
    schema: millisecondsSchema,
    default: 600_000,
    doc: 'Time a TAC catalog entry stays in the in-process LRU and the key-value cache',
  }),
  catalogCacheEntries: field({
    env: 'DMS_ST_CATALOG_CACHE_ENTRIES',
    schema: z.coerce.number().int().min(0),
    default: 50_000,
    doc: 'TAC entries kept in the in-process LRU; 0 disables it',
  }),
  retentionDays: field({
    env: 'DMS_ST_RETENTION_DAYS',
    schema: z.coerce.number().int().min(1),
    default: 365,
    doc: 'Subscribers and terminals not seen for this many days are removed by the clean-up',
  }),
  historyOnRemoval: field({
    env: 'DMS_ST_HISTORY_ON_REMOVAL',
    schema: z.enum(['anonymise', 'drop']),
    default: 'anonymise',
    doc: 'What the clean-up does with the history of a removed subscriber',
  }),
  anonymiseSalt: secret({
    env: 'DMS_ST_ANONYMISE_SALT',
    optional: true,
    doc: 'Salt of the hash that replaces msisdn/imsi in kept history (required when history is anonymised)',
  }),
  cleanupIntervalMs: field({
    env: 'DMS_ST_CLEANUP_INTERVAL_MS',
    schema: millisecondsSchema,
    default: 86_400_000,
    doc: 'Period of the scheduled clean-up; 0 = only on demand',
  }),
  directoryUrl: field({
    env: 'DMS_ST_SUBSCRIPTION_URL',
    schema: z.url(),
    optional: true,
    doc: 'Base URL of the subscription database (GET <url>/<msisdn>); unset = the mirror fed by subscription.changed.v1',
  }),
  directoryAuthorization: secret({
    env: 'DMS_ST_SUBSCRIPTION_AUTHORIZATION',
    optional: true,
    doc: 'Authorization header value sent to the subscription database (e.g. "Bearer ...")',
  }),
  directoryTimeoutMs: field({
    env: 'DMS_ST_SUBSCRIPTION_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 300,
    doc: 'Longest wait for the subscription database; after it eligibility is unknown',
  }),
  directoryCacheTtlMs: field({
    env: 'DMS_ST_SUBSCRIPTION_CACHE_TTL_MS',
    schema: millisecondsSchema,
    default: 3_600_000,
    doc: 'Time an eligibility answer is cached in the key-value store',
  }),
  planServices: field({
    env: 'DMS_ST_PLAN_SERVICES',
    schema: planServicesSchema,
    default: {},
    expected: 'plan=data,mms;plan2=data',
    doc: 'Services each plan allows, for the mirror fed by subscription.changed.v1',
  }),
  shutdownTimeoutMs: field({
    env: 'DMS_SHUTDOWN_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 10_000,
    doc: 'Bound on the orderly shutdown',
  }),
});

export type SubscriberTerminalConfig = LoadedConfig<typeof subscriberTerminalConfig>;

