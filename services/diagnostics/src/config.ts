import {
  defineConfig,
  field,
  infrastructureFields,
  logLevelSchema,
  millisecondsSchema,
  natsUrlField,
  portSchema,
  secret,
  serviceStoreFields,
  booleanSchema,
  type LoadedConfig,
} from '@dms/service-kit';
import { z } from 'zod';

/**
 * The one config of diagnostics (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_NATS_URL or
 * DMS_MONGO_URL the process uses the in-process bus and RPC and the embedded SQLite store.
 * Redis is not used: idempotency rests on the report documents themselves.
 */
export const diagnosticsConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_DIAG', 'diagnostics'),
  natsUrl: natsUrlField,
  port: field({ env: 'PORT', schema: portSchema, default: 8080, doc: 'HTTP port of the REST API and /healthz /readyz /metrics' }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Bearer token required by every /api/v1 route of this service' }),
  consumerGroup: field({
    env: 'DMS_DIAG_GROUP',
    schema: z.string().min(1),
    default: 'diagnostics',
    doc: 'Consumer group prefix: <group>.detections, <group>.job-results, <group>.alerts',
  }),
  notAskedPolicy: field({
    env: 'DMS_DIAG_NOT_ASKED_POLICY',
    schema: z.enum(['ask', 'implied']),
    default: 'ask',
    doc: 'A subscriber never asked for read-diagnostics consent: ask = the job shows a confirm alert (1101) first, implied = the job runs as if granted',
  }),
  askText: field({
    env: 'DMS_DIAG_ASK_TEXT',
    schema: z.string().min(1).max(1000),
    default: 'Your operator would like to check the settings of your phone. Allow?',
    doc: 'Text of the confirmation alert shown on the handset when consent was never asked',
  }),
  jobTtlMs: field({
    env: 'DMS_DIAG_JOB_TTL_MS',
    schema: millisecondsSchema,
    default: 86_400_000,
    doc: 'A job the handset has not fetched by then expires in the gateway; the report reads unreachable',
  }),
  notify: field({
    env: 'DMS_DIAG_NOTIFY',
    schema: booleanSchema,
    default: true,
    doc: 'Wake the handset by SMS (Package 0) for each job instead of waiting for its own next session',
  }),
  rpcTimeoutMs: field({
    env: 'DMS_DIAG_RPC_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 2000,
    doc: 'Timeout of the subscriber-terminal and config lookups; past it the run goes on without their data',
  }),
  latestFwKey: field({
    env: 'DMS_DIAG_LATEST_FW_KEY',
    schema: z.string().min(1),
    default: 'currentFwV',
    doc: "Key of the terminal catalog's extra data holding the model's current firmware version",
  }),
});

export type DiagnosticsConfig = LoadedConfig<typeof diagnosticsConfig>;
