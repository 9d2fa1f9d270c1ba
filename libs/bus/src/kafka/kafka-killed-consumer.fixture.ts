/**
 * Child process of kafka-killed-consumer.int.test.ts: one service instance consuming with
 * the adapter, slowly, printing each handled sequence number. The test kills it with
 * SIGKILL mid-stream: no close(), no commit of its last batch, no group leave.
 */
import { createKafkaEventBus } from './kafka-event.bus';
import { fastConsumer } from './kafka-test.harness';

const [brokers, prefix, group] = process.argv.slice(2) as [string, string, string];
const bus = createKafkaEventBus({ brokers: brokers.split(','), clientId: 'killed-child', source: '/test/child', topicPrefix: prefix, consumer: fastConsumer });
void bus.subscribe({
  topic: 'hlr.imei-observations.v1',
  group,
  handler: async (event) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.stdout.write(`${event.data.source}\n`);
  },
});
