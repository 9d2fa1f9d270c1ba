import { OperationalError } from '@dms/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { observation, seqOf, uniqueName, waitFor } from '../bus-contract.fixtures';
import type { BusLogger } from '../bus-logger';
import { createInMemoryProcessedEventLog } from '../processed-log/in-memory-processed-event.log';
import { createKafkaEventBus } from './kafka-event.bus';
import { fastConsumer, readTopic, testBrokers } from './kafka-test.harness';

jest.setTimeout(60_000);
const TOPIC = 'hlr.imei-observations.v1' as const;

describe('kafka consumer crash', () => {
  it('rebuilds a consumer that kafkajs crashed without restarting, and the stream goes on', async () => {
    const crashes: Array<Record<string, unknown>> = [];
    let logTransportDown = true;
    // A log transport that fails once while a dead letter is reported: an error thrown out
    // of eachBatch that kafkajs treats as non-retriable (CRASH with restart=false).
    const logger: BusLogger = {
      debug() {},
      info() {},
      warn(_fields, message) {
        if (message === 'event dead-lettered' && logTransportDown) {
          logTransportDown = false;
          throw new OperationalError('TEST_LOG_DOWN', 'log transport down', { retriable: false });
        }
      },
      error(fields, message) {
        if (message === 'kafka consumer crashed') crashes.push(fields);
      },
    };
    const prefix = `${uniqueName('crash')}.`;
    const bus = createKafkaEventBus({
      brokers: testBrokers(), clientId: 'crash-test', source: '/test', topicPrefix: prefix,
      processedLog: createInMemoryProcessedEventLog(), logger, consumer: { ...fastConsumer, restartDelayMs: 200 },
    });
    const kafka = new Kafka({ brokers: testBrokers(), clientId: 'crash-test-raw', logLevel: logLevel.NOTHING });
    const raw = kafka.producer();
    try {
      await raw.connect();
      const group = uniqueName('crashing');
      const handled: number[] = [];
      await bus.subscribe({ topic: TOPIC, group, handler: async (e) => void handled.push(seqOf(e)) });
      const key = observation(0, 1).msisdn;
      await bus.publish(TOPIC, observation(0, 1));
      await raw.send({ topic: prefix + TOPIC, messages: [{ key, value: 'not json' }] });
      await bus.publish(TOPIC, observation(1, 1));

      await waitFor(() => handled.includes(1), 30_000, 'the event after the crash');
      expect(crashes).toEqual([expect.objectContaining({ restart: false, group })]);
      expect(handled).toEqual([0, 1]);
      const letters = await readTopic(kafka, `${prefix}dlq.${group}`, 1, 10_000);
      expect(letters.map((l) => l.value?.toString())).toEqual(['not json']);
    } finally {
      await raw.disconnect();
      await bus.close();
    }
  });
});
