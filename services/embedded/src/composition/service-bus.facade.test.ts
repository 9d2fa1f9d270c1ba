import { createInProcessEventBus } from '@dms/bus';
import type { EventEnvelope } from '@dms/contracts';
import { observation, TOPIC, waitFor } from '@dms/bus/src/bus-contract.fixtures';
import { serviceBus } from './service-bus.facade';

describe("a service's view of the shared in-process bus", () => {
  it("publishes with the service's own ce_source into logs another service's view consumes", async () => {
    const shared = createInProcessEventBus({ source: '/services/embedded' });
    const producer = serviceBus(shared, '/services/hlr-detector');
    const consumer = serviceBus(shared, '/services/subscriber-terminal');
    const received: EventEnvelope<typeof TOPIC, unknown>[] = [];
    await consumer.subscribe({
      topic: TOPIC,
      group: 'st',
      handler: async (event) => void received.push(event),
    });

    const published = await producer.publish(TOPIC, observation(1), { id: 'evt-1' });
    await waitFor(() => received.length === 1, 2000, 'the event');
    await shared.close();

    expect(published.source).toBe('/services/hlr-detector');
    expect(received[0]).toMatchObject({
      id: 'evt-1',
      source: '/services/hlr-detector',
      data: observation(1),
    });
  });

  it('closes only the subscriptions opened through it, leaving the shared bus open', async () => {
    const shared = createInProcessEventBus({ source: '/services/embedded' });
    const one = serviceBus(shared, '/one');
    const other = serviceBus(shared, '/other');
    let otherReceived = 0;
    await one.subscribe({ topic: TOPIC, group: 'one', handler: async () => undefined });
    await other.subscribe({ topic: TOPIC, group: 'other', handler: async () => void otherReceived++ });

    await one.close();
    await one.publish(TOPIC, observation(2));
    await waitFor(() => otherReceived === 1, 2000, 'delivery to the other service');
    await shared.close();

    expect(await shared.ready()).toBe(false);
  });

  it('forwards batch subscriptions, so batch consumers keep their batch path in embedded mode', async () => {
    const shared = createInProcessEventBus({ source: '/services/embedded' });
    const view = serviceBus(shared, '/services/hlr-detector');
    const batches: number[] = [];
    const subscription = await view.subscribeBatch({
      topic: TOPIC,
      group: 'batched',
      handler: async (events) => void batches.push(events.length),
    });
    for (let i = 0; i < 5; i++) await view.publish(TOPIC, observation(i));
    await waitFor(() => batches.reduce((a, b) => a + b, 0) === 5, 2000, 'five events in batches');
    await view.close();
    await view.publish(TOPIC, observation(9));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await shared.close();

    expect(batches.reduce((a, b) => a + b, 0)).toBe(5);
    expect(subscription.group).toBe('batched');
  });
});
