import type { TopicName } from '@dms/contracts';
import { OperationalError } from '@dms/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { uniqueName } from '../bus-contract.fixtures';
import type { EventBusHarness } from '../bus-contract.fixtures';
import type { DeadLetterRecord } from '../delivery/dead-letter';
import { headersAsText } from '@dms/contracts';
import { createInMemoryProcessedEventLog } from '../processed-log/in-memory-processed-event.log';
import { createTopicsRetrying } from './kafka-topics';
import type { KafkaEventBusOptions } from './kafka-event-bus.options';
import { createKafkaEventBus } from './kafka-event.bus';

/** Integration tests read the broker list the jest global setup loaded from infra.sh. */
export function testBrokers(): string[] {
  const brokers = process.env.DMS_KAFKA_BROKERS;
  if (!brokers) throw new OperationalError('TEST_NO_KAFKA', 'DMS_KAFKA_BROKERS is not set; run deploy/local/infra.sh up');
  return brokers.split(',');
}

/** Small timeouts so group joins and rebalances take well under a second on one broker. */
export const fastConsumer: NonNullable<KafkaEventBusOptions['consumer']> = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 300,
  rebalanceTimeoutMs: 6000,
  maxWaitTimeMs: 100,
  joinTimeoutMs: 20_000,
};

/** Two buses (two service instances) on fresh topics under a random prefix, sharing one processed-event log. */
export async function createKafkaHarness(topics: readonly TopicName[]): Promise<EventBusHarness & { prefix: string; kafka: Kafka }> {
  const brokers = testBrokers();
  const prefix = `${uniqueName('t')}.`;
  const kafka = new Kafka({ brokers, clientId: 'bus-int-test', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsRetrying(admin, topics.map((t) => ({ topic: prefix + t, numPartitions: 4 })));
  await admin.disconnect();
  const processedLog = createInMemoryProcessedEventLog();
  const options = { brokers, source: '/test/kafka', topicPrefix: prefix, processedLog, consumer: fastConsumer };
  const bus = createKafkaEventBus({ ...options, clientId: 'bus-a' });
  const peer = createKafkaEventBus({ ...options, clientId: 'bus-b' });
  const rawProducer = kafka.producer();
  await rawProducer.connect();
  return {
    prefix,
    kafka,
    bus,
    peer,
    async publishRaw(topic, message) {
      await rawProducer.send({ topic: prefix + topic, messages: [{ key: message.key, value: message.value }] });
    },
    readDeadLetters: (group, atLeast, timeoutMs = 15_000) => readTopic(kafka, `${prefix}dlq.${group}`, atLeast, timeoutMs),
    async close() {
      await Promise.all([bus.close(), peer.close(), rawProducer.disconnect()]);
    },
  };
}

/** Reads a topic from the beginning with a throw-away group until `atLeast` records arrived. */
export async function readTopic(kafka: Kafka, topic: string, atLeast: number, timeoutMs: number): Promise<DeadLetterRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
  const records: Array<DeadLetterRecord & { partition: number; offset: number }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({ partition, offset: Number(message.offset), key: message.key, value: message.value, headers: headersAsText(message.headers) });
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (records.length < atLeast && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await consumer.disconnect();
  }
  if (records.length < atLeast) throw new OperationalError('TEST_TIMEOUT', `only ${records.length} of ${atLeast} records on ${topic}`);
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
