import {
  booleanSchema,
  defineConfig,
  infrastructureFields,
  serviceStoreFields,
  field,
  logLevelSchema,
  millisecondsSchema,
  portSchema,
  secret,
  type LoadedConfig,
} from '@dms/service-kit';
import { z } from 'zod';
import { wakeUpConfigFields } from './wake-up/wake-up.config';

const bytes = (min: number) => z.coerce.number().int().min(min);

/**
 * The one config of dm-gateway (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_MONGO_URL or
 * DMS_REDIS_URL the process uses the in-process bus, the embedded SQLite store and the
 * in-memory session state (embedded mode).
 */
export const dmGatewayConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_DM', 'dm-gateway'),
  port: field({
    env: 'PORT',
    schema: portSchema,
    default: 8080,
    doc: 'HTTP(S) port of /dm, /api/v1 and /healthz /readyz /metrics',
  }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Bearer token of the admin REST API (/api/v1)' }),
  dmPath: field({
    env: 'DMS_DM_PATH',
    schema: z.string().startsWith('/'),
    default: '/dm',
    doc: 'Path handsets POST their DM messages to',
  }),
  publicUrl: field({
    env: 'DMS_DM_PUBLIC_URL',
    schema: z.url(),
    optional: true,
    doc: 'Externally visible URL of the DM endpoint (RespURI base); unset = derived from the request Host',
  }),
  maxMsgSize: field({
    env: 'DMS_DM_MAX_MSG_SIZE',
    schema: bytes(1024),
    default: 65_536,
    doc: 'MaxMsgSize the gateway advertises (largest message it accepts, bytes)',
  }),
  maxObjSize: field({
    env: 'DMS_DM_MAX_OBJ_SIZE',
    schema: bytes(1024),
    default: 1_048_576,
    doc: 'MaxObjSize the gateway advertises (largest large object it reassembles, bytes)',
  }),
  bodyLimitBytes: field({
    env: 'DMS_DM_BODY_LIMIT',
    schema: bytes(1024),
    default: 262_144,
    doc: 'Hard cap on a DM request body; larger bodies get HTTP 413 without SyncML (nothing readable)',
  }),
  sessionTtlMs: field({
    env: 'DMS_DM_SESSION_TTL_MS',
    schema: millisecondsSchema,
    default: 300_000,
    doc: 'Idle time after which a DM session state expires',
  }),
  requestTimeoutMs: field({
    env: 'DMS_DM_REQUEST_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 30_000,
    doc: 'Longest time a request may take to arrive (slow clients are cut)',
  }),
  keepAliveTimeoutMs: field({
    env: 'DMS_DM_KEEP_ALIVE_MS',
    schema: millisecondsSchema,
    default: 15_000,
    doc: 'Idle keep-alive socket lifetime',
  }),
  tlsCertFile: field({
    env: 'DMS_DM_TLS_CERT_FILE',
    schema: z.string().min(1),
    optional: true,
    doc: 'PEM certificate; with the key, the server speaks HTTPS',
  }),
  tlsKeyFile: field({
    env: 'DMS_DM_TLS_KEY_FILE',
    schema: z.string().min(1),
    optional: true,
    doc: 'PEM private key of the certificate',
  }),
  serverId: field({
    env: 'DMS_DM_SERVER_ID',
    schema: z.string().min(1),
    default: 'dms',
    doc: 'ServerID of derived DM accounts (DMAcc ServerID)',
  }),
  masterSecret: secret({
    env: 'DMS_DM_MASTER_SECRET',
    optional: true,
    doc: 'Operator master secret: devices without a stored account get HMAC-SHA256(master, deviceId) passwords; unset = stored accounts only',
  }),
  derivedAuthType: field({
    env: 'DMS_DM_DERIVED_AUTH',
    schema: z.enum(['basic', 'md5', 'hmac']),
    default: 'md5',
    doc: 'Auth scheme of derived accounts',
  }),
  authFailuresBeforeLock: field({
    env: 'DMS_DM_AUTH_FAILURES',
    schema: z.coerce.number().int().min(1),
    default: 5,
    doc: 'Failed authentications in a row before a device is locked out',
  }),
  authLockBaseMs: field({
    env: 'DMS_DM_AUTH_LOCK_MS',
    schema: millisecondsSchema,
    default: 60_000,
    doc: 'First lock-out window; doubles with every further failure (max 24 h)',
  }),
  jobSweepIntervalMs: field({
    env: 'DMS_DM_JOB_SWEEP_MS',
    schema: millisecondsSchema,
    default: 60_000,
    doc: 'How often expired queued jobs are reported expired; 0 = only at session time',
  }),
  consumerGroup: field({
    env: 'DMS_DM_GROUP',
    schema: z.string().min(1),
    default: 'dm-gateway',
    doc: 'Consumer group of the dm.command-requested subscription',
  }),
  natsUrl: field({
    env: 'DMS_NATS_URL',
    schema: z.string().startsWith('nats'),
    optional: true,
    doc: 'NATS URL of RPC (the subscriber-terminal MSISDN lookup of a wake-up); unset = no lookup, only jobs naming an MSISDN are woken',
  }),
  redisKeyPrefix: field({
    env: 'DMS_DM_REDIS_PREFIX',
    schema: z.string(),
    default: 'dmgw:',
    doc: 'Prefix of every Redis key of this service',
  }),
  metricsEnabled: field({
    env: 'DMS_DM_METRICS',
    schema: booleanSchema,
    default: true,
    doc: 'Serve /metrics',
  }),
  // Package 0 over SMPP (src/wake-up/): DMS_SMSC_*; without DMS_SMSC_HOST no wake-up SMS is sent.
  ...wakeUpConfigFields,
});

export type DmGatewayConfig = LoadedConfig<typeof dmGatewayConfig>;

/** What createDmGateway needs (embedded mode builds it by hand). */
export type DmGatewaySettings = Pick<
  DmGatewayConfig,
  | 'adminToken'
  | 'dmPath'
  | 'maxMsgSize'
  | 'maxObjSize'
  | 'bodyLimitBytes'
  | 'sessionTtlMs'
  | 'serverId'
  | 'derivedAuthType'
  | 'authFailuresBeforeLock'
  | 'authLockBaseMs'
  | 'jobSweepIntervalMs'
  | 'consumerGroup'
> & { publicUrl?: string | undefined; masterSecret?: string | undefined };

export const defaultSettings = (
  overrides: Partial<DmGatewaySettings> & { adminToken: string },
): DmGatewaySettings => ({
  dmPath: '/dm',
  maxMsgSize: 65_536,
  maxObjSize: 1_048_576,
  bodyLimitBytes: 262_144,
  sessionTtlMs: 300_000,
  serverId: 'dms',
  derivedAuthType: 'md5',
  authFailuresBeforeLock: 5,
  authLockBaseMs: 60_000,
  jobSweepIntervalMs: 60_000,
  consumerGroup: 'dm-gateway',
  ...overrides,
});
