import type { BatchEventBus, InProcessEventBus, Subscription } from '@dms/bus';
import { createEnvelope, encodeKafkaMessage } from '@dms/contracts';

/**
 * One service's view of the process-wide in-process bus. Every service must publish into
 * and consume from the same logs (one bus), yet its events should carry its own
 * `ce_source` as they do on Kafka: publish builds the envelope with the service's source
 * and appends the encoded bytes. close() closes only this service's subscriptions; the
 * shared bus belongs to the composition root.
 */
export function serviceBus(shared: InProcessEventBus, source: string): BatchEventBus {
  const opened = new Set<Subscription>();
  const track = (subscription: Subscription): Subscription => {
    opened.add(subscription);
    return {
      topic: subscription.topic,
      group: subscription.group,
      close: async () => {
        opened.delete(subscription);
        await subscription.close();
      },
    };
  };
  return {
    async publish(topic, data, options = {}) {
      const envelope = createEnvelope(topic, data, { ...options, source });
      const { key, value, headers } = encodeKafkaMessage(topic, envelope, options.key);
      await shared.publishRaw(topic, { key, value, headers });
      return envelope;
    },
    subscribe: async (options) => track(await shared.subscribe(options)),
    // Forwarded so that batch consumers (hlr-detector) keep their batch path in embedded mode.
    subscribeBatch: async (options) => track(await shared.subscribeBatch(options)),
    ready: () => shared.ready(),
    async close() {
      const closing = [...opened];
      opened.clear();
      await Promise.all(closing.map((subscription) => subscription.close()));
    },
  };
}
