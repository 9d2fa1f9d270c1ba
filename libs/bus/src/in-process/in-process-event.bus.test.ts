import { createInMemoryProcessedEventLog } from '../processed-log/in-memory-processed-event.log';
import { defineEventBusContract } from '../bus.contract';
import { waitFor } from '../bus-contract.fixtures';
import { createInProcessEventBus } from './in-process-event.bus';

defineEventBusContract('in-process', async () => {
  const bus = createInProcessEventBus({ source: '/test/in-process', processedLog: createInMemoryProcessedEventLog() });
  return {
    bus,
    peer: bus,
    publishRaw: (topic, message) => bus.publishRaw(topic, message),
    async readDeadLetters(group, atLeast, timeoutMs = 5000) {
      await waitFor(() => bus.deadLetters(group).length >= atLeast, timeoutMs, `${atLeast} dead letters`);
      return [...bus.deadLetters(group)];
    },
    close: () => bus.close(),
  };
});
