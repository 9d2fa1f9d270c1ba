import type { TopicName } from '@dms/contracts';
import type { BusLogger } from '../bus-logger';
import type { EventHandler, ProcessedEventLog, SubscribeOptions } from '../event-bus.port';
import type { BatchHandler, SubscribeBatchOptions } from '../batch/batch-subscription.port';
import type { BatchDeliveryPolicy } from './deliver-batch';
import type { DeliveryPolicy } from './deliver-message';
import { deliveryDefaults } from './delivery.defaults';

/** Subscription options with the shared defaults filled in. */
export function subscriptionPolicy<T extends TopicName>(
  options: SubscribeOptions<T>,
  processedLog: ProcessedEventLog | undefined,
  logger: BusLogger,
): DeliveryPolicy {
  return {
    group: options.group,
    handler: options.handler as unknown as EventHandler<TopicName>,
    processedLog,
    maxAttempts: options.maxAttempts ?? deliveryDefaults.maxAttempts,
    retryBaseMs: options.retryBaseMs ?? deliveryDefaults.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? deliveryDefaults.retryMaxMs,
    idempotencyTtlMs: options.idempotencyTtlMs ?? deliveryDefaults.idempotencyTtlMs,
    logger,
  };
}

/** Batch subscription options with the shared defaults filled in. */
export function batchSubscriptionPolicy<T extends TopicName>(
  options: SubscribeBatchOptions<T>,
  processedLog: ProcessedEventLog | undefined,
  logger: BusLogger,
): BatchDeliveryPolicy {
  const { handler: _single, ...shared } = subscriptionPolicy({ ...options, handler: async () => {} }, processedLog, logger);
  return { ...shared, handler: options.handler as unknown as BatchHandler<TopicName> };
}
