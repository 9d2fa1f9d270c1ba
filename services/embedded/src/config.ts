import { consoleSettingsFields } from '@dms/console';
import { diagnosticsConfig } from '@dms/diagnostics';
import { dmGatewayConfig } from '@dms/dm-gateway';
import { firmwareServiceConfig as fw } from '@dms/firmware';
import { wakeUpConfigFields } from '@dms/dm-gateway/src/wake-up';
import { hlrDetectorConfig } from '@dms/hlr-detector';
import { defineConfig, field, logLevelSchema, portSchema, secret, type LoadedConfig } from '@dms/service-kit';
import { subscriberTerminalConfig } from '@dms/subscriber-terminal';
import { z } from 'zod';

const hlr = hlrDetectorConfig;
const st = subscriberTerminalConfig;
const dm = dmGatewayConfig;
const diag = diagnosticsConfig;

/**
 * The one config of the embedded process (STYLE.md 7). Service tuning fields are the
 * services' own definitions (same variable, default and doc as in distributed mode);
 * addresses of Kafka, NATS, MongoDB and Redis do not exist here: everything is in process.
 */
export const embeddedConfig = defineConfig({
  port: field({
    env: 'PORT',
    schema: portSchema,
    default: 8080,
    doc: 'The one HTTP port: REST APIs, /dm for handsets, /healthz /readyz /metrics; 0 = any free port',
  }),
  host: field({
    env: 'DMS_HTTP_HOST',
    schema: z.string().min(1),
    default: '0.0.0.0',
    doc: 'Address the HTTP port listens on; 127.0.0.1 keeps it off the network',
  }),
  logLevel: field({
    env: 'LOG_LEVEL',
    schema: logLevelSchema,
    default: 'info',
    doc: 'Log level of the JSON log lines',
  }),
  dataDir: field({
    env: 'DMS_DATA_DIR',
    schema: z.string().min(1),
    default: './data',
    doc: 'Directory of the SQLite files (one per service), the bus journal and the generated secrets',
  }),
  sqliteSynchronous: field({
    env: 'DMS_SQLITE_SYNCHRONOUS',
    schema: z.enum(['normal', 'full']),
    default: 'normal',
    doc: 'normal: a write survives a crash of the process; full: also a power loss, at about 4 ms per write',
  }),
  adminToken: secret({
    env: 'DMS_ADMIN_TOKEN',
    optional: true,
    doc: 'Bearer token of every /api/v1 route; unset = generated on first start and kept in <data dir>/secrets/admin-token',
  }),
  anonymiseSalt: secret({
    env: st.anonymiseSalt.env,
    optional: true,
    doc: `${st.anonymiseSalt.doc}; unset = generated on first start and kept in <data dir>/secrets/anonymise-salt`,
  }),
  hlrCacheTtlMs: hlr.cacheTtlMs,
  hlrLocalCacheEntries: hlr.localCacheEntries,
  hlrLastSeenWriteIntervalMs: hlr.lastSeenWriteIntervalMs,
  catalogCacheTtlMs: st.catalogCacheTtlMs,
  catalogCacheEntries: st.catalogCacheEntries,
  retentionDays: st.retentionDays,
  historyOnRemoval: st.historyOnRemoval,
  cleanupIntervalMs: st.cleanupIntervalMs,
  directoryUrl: st.directoryUrl,
  directoryTimeoutMs: st.directoryTimeoutMs,
  directoryCacheTtlMs: st.directoryCacheTtlMs,
  planServices: st.planServices,
  dmPath: dm.dmPath,
  dmPublicUrl: dm.publicUrl,
  dmMasterSecret: dm.masterSecret,
  dmServerId: dm.serverId,
  dmDerivedAuthType: dm.derivedAuthType,
  dmMaxMsgSize: dm.maxMsgSize,
  dmMaxObjSize: dm.maxObjSize,
  dmBodyLimitBytes: dm.bodyLimitBytes,
  dmSessionTtlMs: dm.sessionTtlMs,
  dmRequestTimeoutMs: dm.requestTimeoutMs,
  dmKeepAliveTimeoutMs: dm.keepAliveTimeoutMs,
  dmAuthFailuresBeforeLock: dm.authFailuresBeforeLock,
  dmAuthLockBaseMs: dm.authLockBaseMs,
  dmJobSweepIntervalMs: dm.jobSweepIntervalMs,
  // Package 0 wake-up SMS over SMPP (DMS_SMSC_*), as dm-gateway's own main; without DMS_SMSC_HOST none is sent.
  ...wakeUpConfigFields,
  diagNotAskedPolicy: diag.notAskedPolicy,
  diagAskText: diag.askText,
  diagJobTtlMs: diag.jobTtlMs,
  diagNotify: diag.notify,
  diagRpcTimeoutMs: diag.rpcTimeoutMs,
  diagLatestFwKey: diag.latestFwKey,
  // The console's sessions, lock-out, RPC timeout, dashboard window and tenant attribute (DMS_CONSOLE_*).
  ...consoleSettingsFields,
  fwPublicUrl: field({
    env: fw.publicBaseUrl.env,
    schema: z.url(),
    optional: true,
    doc: 'Base URL handsets download firmware packages from; unset = http://127.0.0.1:<PORT> (set it when handsets are on the network)',
  }),
  fwDownloadSecret: secret({
    env: fw.downloadSecret.env,
    schema: z.string().min(32),
    optional: true,
    expected: 'at least 32 characters',
    doc: `${fw.downloadSecret.doc}; unset = generated on first start and kept in <data dir>/secrets/fw-download-secret`,
  }),
  fwAutoUpdate: fw.autoUpdate,
});

export type EmbeddedConfig = LoadedConfig<typeof embeddedConfig>;

/** Bound on the orderly stop (HTTP, subscriptions, stores), below a supervisor's usual 30 s. */
export const EMBEDDED_SHUTDOWN_TIMEOUT_MS = 10_000;
