import {
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

/**
 * Defaults of the settings createHlrDetector also takes from a hand-built config (embedded
 * mode leaves them out): one place for both.
 */
export const HLR_DETECTOR_DEFAULTS = {
  maxBatchSize: 10_000,
  maxUnsettledBatches: 8,
  transitionRetentionMs: 86_400_000,
  pruneIntervalMs: 3_600_000,
} as const;

/**
 * The one config of hlr-detector (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_MONGO_URL or
 * DMS_REDIS_URL the standalone process uses the in-process bus, the embedded SQLite store
 * and the in-memory key-value store respectively (embedded mode).
 */
export const hlrDetectorConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_HLR', 'hlr-detector'),
  port: field({
    env: 'PORT',
    schema: portSchema,
    default: 8080,
    doc: 'HTTP port of the REST API and /healthz /readyz /metrics',
  }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({
    env: 'DMS_ADMIN_TOKEN',
    doc: 'Bearer token required by POST /api/v1/hlr/observations',
  }),
  consumerGroup: field({
    env: 'DMS_HLR_GROUP',
    schema: z.string().min(1),
    default: 'hlr-detector',
    doc: 'Kafka consumer group of the observation subscription',
  }),
  cacheTtlMs: field({
    env: 'DMS_HLR_CACHE_TTL_MS',
    schema: millisecondsSchema,
    default: 3_600_000,
    doc: 'Time a subscriber state stays in the key-value cache',
  }),
  localCacheEntries: field({
    env: 'DMS_HLR_LOCAL_CACHE_ENTRIES',
    schema: z.coerce.number().int().min(0),
    default: 200_000,
    doc: 'Subscriber states kept in process memory per instance, valid only while this instance reads a partition without gaps; 0 disables',
  }),
  lastSeenWriteIntervalMs: field({
    env: 'DMS_HLR_LAST_SEEN_WRITE_INTERVAL_MS',
    schema: millisecondsSchema,
    default: 300_000,
    doc: 'A newer sighting of an unchanged combination is written to the store only once it is this much newer than the stored one (until then it lives in the cache tiers); 0 = write every sighting',
  }),
  maxBatchSize: field({
    env: 'DMS_HLR_MAX_BATCH_SIZE',
    schema: z.coerce.number().int().min(1).max(100_000),
    default: HLR_DETECTOR_DEFAULTS.maxBatchSize,
    doc: 'Most observations of one partition decided together: states read, detections announced and states written in one round trip each per batch',
  }),
  maxUnsettledBatches: field({
    env: 'DMS_HLR_MAX_UNSETTLED_BATCHES',
    schema: z.coerce.number().int().min(1).max(1000),
    default: HLR_DETECTOR_DEFAULTS.maxUnsettledBatches,
    doc: 'Batches of one partition whose announcements and writes may still be under way while later ones are decided (what a failure or a rebalance delivers again)',
  }),
  transitionRetentionMs: field({
    env: 'DMS_HLR_TRANSITION_RETENTION_MS',
    schema: millisecondsSchema,
    default: HLR_DETECTOR_DEFAULTS.transitionRetentionMs,
    doc: "State transitions behind their subscriber's head are deleted once older than this (at least twice DMS_HLR_CACHE_TTL_MS)",
  }),
  pruneIntervalMs: field({
    env: 'DMS_HLR_PRUNE_INTERVAL_MS',
    schema: millisecondsSchema,
    default: HLR_DETECTOR_DEFAULTS.pruneIntervalMs,
    doc: 'Period of the transition clean-up; 0 = never',
  }),
  partitionsConcurrency: field({
    env: 'DMS_HLR_PARTITIONS_CONCURRENCY',
    schema: z.coerce.number().int().min(1).max(256),
    default: 8,
    doc: 'Partitions of the observation topic handled in parallel by one instance (each still in order)',
  }),
  kafkaSessionTimeoutMs: field({
    env: 'DMS_KAFKA_SESSION_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 30_000,
    doc: 'Kafka consumer session timeout: how long a dead instance holds its partitions',
  }),
  kafkaHeartbeatMs: field({
    env: 'DMS_KAFKA_HEARTBEAT_MS',
    schema: millisecondsSchema,
    default: 3000,
    doc: 'Kafka consumer heartbeat interval (well below the session timeout)',
  }),
  publishLingerMs: field({
    env: 'DMS_HLR_PUBLISH_LINGER_MS',
    schema: millisecondsSchema,
    default: 2,
    doc: 'Kafka publishes within this window share one produce request',
  }),
});

export type HlrDetectorConfig = LoadedConfig<typeof hlrDetectorConfig>;
