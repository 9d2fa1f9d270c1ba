import type { KafkaConfig } from 'kafkajs';
import type { BusLogger } from '../bus-logger';
import type { ProcessedEventLog } from '../event-bus.port';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  /** Producer URI for `ce_source`, e.g. `/services/hlr-detector`. */
  source: string;
  processedLog?: ProcessedEventLog;
  logger?: BusLogger;
  /** Prepended to every physical topic name (an environment or a test run); default none. */
  topicPrefix?: string;
  /** Physical dead-letter topic of a group; default `<topicPrefix>dlq.<group>`. */
  dlqTopicFor?: (group: string) => string;
  /** Create each group's dead-letter topic (broker defaults) at subscribe; default true. */
  createDlqTopics?: boolean;
  producer?: {
    /** Kafka idempotent producer (no duplicates from producer retries, order kept); default true. */
    idempotent?: boolean;
    /** Publishes arriving within this window share one produce request; default 0 (same tick only). */
    lingerMs?: number;
    /** Upper bound of messages per produce request; default 1000. */
    maxBatchSize?: number;
  };
  consumer?: {
    sessionTimeoutMs?: number;
    heartbeatIntervalMs?: number;
    rebalanceTimeoutMs?: number;
    /** Fetch long-poll wait; lower means lower latency when idle. Default 500 ms. */
    maxWaitTimeMs?: number;
    /**
     * Bytes fetched per partition and per request. kafkajs fetches again only after the whole
     * previous fetch was handled, so bigger fetches hide the broker round trip behind
     * handling. Defaults 4 MiB and 32 MiB (kafkajs: 1 MiB and 10 MiB).
     */
    maxBytesPerPartition?: number;
    maxBytes?: number;
    /** Partitions of one subscription handled in parallel (each still in order); default 4. */
    partitionsConsumedConcurrently?: number;
    /** subscribe() resolves once the consumer joined its group; give up after this. Default 60 s. */
    joinTimeoutMs?: number;
    /** Delay before a consumer that kafkajs gave up on is rebuilt; default 1 s, doubling to 30 s. */
    restartDelayMs?: number;
  };
  /** Anything else kafkajs takes (ssl, sasl, connectionTimeout...). */
  kafka?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator'>;
}
