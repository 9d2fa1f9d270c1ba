import { defineConfig, field, hostPortListSchema, type LoadedConfig } from '@dms/service-kit';
import { z } from 'zod';

/** Config of the mirror-file import CLI (its own: it needs Kafka, not the service's token or stores). */
export const importConfig = defineConfig({
  kafkaBrokers: field({
    env: 'DMS_KAFKA_BROKERS',
    schema: hostPortListSchema,
    expected: 'host:port[,host:port...]',
    doc: 'Kafka bootstrap servers the observations are published to',
  }),
  topicPrefix: field({
    env: 'DMS_TOPIC_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9._-]*$/),
    default: '',
    doc: 'Prepended to the topic name (an environment or a test run)',
  }),
  source: field({
    env: 'DMS_HLR_IMPORT_SOURCE',
    schema: z.string().min(1).max(200),
    default: 'mirror-import',
    doc: 'The `source` every imported observation carries',
  }),
  batchSize: field({
    env: 'DMS_HLR_IMPORT_BATCH',
    schema: z.coerce.number().int().min(1).max(100_000),
    default: 2000,
    doc: 'Observations published concurrently per batch',
  }),
});

export type ImportConfig = LoadedConfig<typeof importConfig>;
