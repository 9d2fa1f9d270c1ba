import { createInMemoryProcessedEventLog } from '../processed-log/in-memory-processed-event.log';
import { defineBatchEventBusContract } from '../batch/batch-bus.contract';
import { defineEventBusContract, type EventBusHarnessFactory } from '../bus.contract';
import { waitFor } from '../bus-contract.fixtures';
import { createInProcessEventBus } from './in-process-event.bus';

const harness: EventBusHarnessFactory = async () => {
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
};

defineEventBusContract('in-process', harness);
defineBatchEventBusContract('in-process', harness);
