import {
  booleanSchema,
  ConfigDefinitionError,
  defineConfig,
  field,
  infrastructureFields,
  logLevelSchema,
  millisecondsSchema,
  natsUrlField,
  portSchema,
  secret,
  serviceStoreFields,
  type ConfigField,
  type LoadedConfig,
} from '@dms/service-kit';
import { z } from 'zod';
import type { FirmwareServiceSettings } from './firmware-service';
import { DEFAULT_FUMO_NODES, parseFumoNodes } from './domain/fumo.plan';

/**
 * The one config of firmware (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_NATS_URL,
 * DMS_MONGO_URL or DMS_REDIS_URL the process uses the in-process bus and RPC and the
 * embedded SQLite store (embedded mode).
 */
export const firmwareServiceConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_FW', 'firmware'),
  natsUrl: natsUrlField,
  port: field({ env: 'PORT', schema: portSchema, default: 8080, doc: 'HTTP port of the REST API, the package downloads and /healthz /readyz /metrics' }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Bearer token required by every /api/v1/firmware route' }),
  downloadSecret: secret({
    env: 'DMS_FW_DOWNLOAD_SECRET',
    schema: z.string().min(32),
    expected: 'at least 32 characters',
    doc: 'Key of the HMAC that signs each handset\'s package download URL',
  }),
  publicBaseUrl: field({
    env: 'DMS_FW_PUBLIC_URL',
    schema: z.url(),
    default: 'http://127.0.0.1:8080',
    doc: 'Base URL handsets download packages from (the FUMO PkgURL is <this>/fw/v1/packages/<id>?...); must be reachable from the radio network',
  }),
  consumerGroup: field({ env: 'DMS_FW_GROUP', schema: z.string().min(1), default: 'firmware', doc: 'Consumer group prefix (<group>.jobs, <group>.alerts, <group>.reports)' }),
  maxPackageBytes: field({ env: 'DMS_FW_MAX_PACKAGE_BYTES', schema: z.coerce.number().int().min(1024).max(1024 ** 3), default: 64 * 1024 * 1024, doc: 'Largest package accepted' }),
  tokenTtlMs: field({ env: 'DMS_FW_TOKEN_TTL_MS', schema: millisecondsSchema, default: 3 * 86_400_000, doc: 'How long a download URL stays valid' }),
  jobTtlMs: field({ env: 'DMS_FW_JOB_TTL_MS', schema: millisecondsSchema, default: 86_400_000, doc: 'expiresAt of an update job: the gateway drops it (expired) when the handset has not run it by then' }),
  notify: field({ env: 'DMS_FW_NOTIFY', schema: booleanSchema, default: true, doc: 'Wake the handset by SMS (Package 0) for each update job' }),
  maxAttempts: field({ env: 'DMS_FW_MAX_ATTEMPTS', schema: z.coerce.number().int().min(1).max(20), default: 3, doc: 'Jobs that never ran (expired, interrupted) before an update is unreachable' }),
  resultTimeoutMs: field({ env: 'DMS_FW_RESULT_TIMEOUT_MS', schema: millisecondsSchema, default: 2 * 86_400_000, doc: 'How long an accepted update may take to report its FUMO result (Generic Alert 1226) before it counts as unreachable' }),
  confirmText: field({
    env: 'DMS_FW_CONFIRM_TEXT',
    schema: z.string().min(1).max(1000),
    default: 'New phone software {version} is ready. Install it now? The phone restarts.',
    doc: 'Text of the 1101 confirm alert when update-firmware consent was never decided ({version} is replaced)',
  }),
  fumoNodes: field({
    env: 'DMS_FW_FUMO_NODES',
    schema: z.string().transform((text) => parseFumoNodes(text)),
    default: parseFumoNodes('Xphone=./Vendor/X/FwUpdate/FwPkg1'),
    expected: 'Manufacturer=<FUMO instance URI>,...',
    doc: `FUMO instance per manufacturer (case-insensitive); others use ${DEFAULT_FUMO_NODES.fallback}`,
  }),
  autoUpdate: field({ env: 'DMS_FW_AUTO_UPDATE', schema: booleanSchema, default: false, doc: 'Offer the newest applicable package when diagnostics reports firmware-outdated' }),
  tickMs: field({ env: 'DMS_FW_TICK_MS', schema: millisecondsSchema, default: 2000, doc: 'How often rollouts take a step and overdue results are swept; 0 = only when tick() is called' }),
  pageSize: field({ env: 'DMS_FW_PAGE_SIZE', schema: z.coerce.number().int().min(1).max(5000), default: 500, doc: 'Handsets read per rollout enumeration step' }),
  perTick: field({ env: 'DMS_FW_PER_TICK', schema: z.coerce.number().int().min(1).max(10_000), default: 50, doc: 'Updates a rollout starts per tick at most (default of a new rollout)' }),
  rpcTimeoutMs: field({ env: 'DMS_FW_RPC_TIMEOUT_MS', schema: millisecondsSchema, default: 2000, doc: 'Longest wait for diagnostics (consent); after it consent reads not-asked' }),
  shutdownTimeoutMs: field({ env: 'DMS_SHUTDOWN_TIMEOUT_MS', schema: millisecondsSchema, default: 10_000, doc: 'Bound on the orderly shutdown' }),
});

export type FirmwareServiceConfig = LoadedConfig<typeof firmwareServiceConfig>;

function defaultOf<T>(f: ConfigField<T>): T {
  if (!f.hasDefault) throw new ConfigDefinitionError(`config field ${f.env} has no default`);
  return f.default as T;
}

/** Settings for a composition that does not read the environment (embedded mode): the documented defaults plus overrides. */
export function defaultFirmwareSettings(
  overrides: Partial<FirmwareServiceSettings> & { adminToken: string; downloadSecret: string },
): FirmwareServiceSettings {
  const c = firmwareServiceConfig;
  return {
    publicBaseUrl: defaultOf(c.publicBaseUrl),
    consumerGroup: defaultOf(c.consumerGroup),
    maxPackageBytes: defaultOf(c.maxPackageBytes),
    tokenTtlMs: defaultOf(c.tokenTtlMs),
    jobTtlMs: defaultOf(c.jobTtlMs),
    notify: defaultOf(c.notify),
    maxAttempts: defaultOf(c.maxAttempts),
    resultTimeoutMs: defaultOf(c.resultTimeoutMs),
    confirmText: defaultOf(c.confirmText),
    fumoNodes: defaultOf(c.fumoNodes),
    autoUpdate: defaultOf(c.autoUpdate),
    tickMs: defaultOf(c.tickMs),
    pageSize: defaultOf(c.pageSize),
    perTick: defaultOf(c.perTick),
    rpcTimeoutMs: defaultOf(c.rpcTimeoutMs),
    ...overrides,
  };
}
