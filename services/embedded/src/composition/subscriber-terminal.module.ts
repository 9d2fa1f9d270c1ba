import type { Logger } from '@dms/service-kit';
import { createSubscriberTerminal, HttpSubscriptionDirectory } from '@dms/subscriber-terminal';
import type { EmbeddedConfig } from '../config';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const SUBSCRIBER_TERMINAL = 'subscriber-terminal';
const SOURCE = '/services/subscriber-terminal';

export interface SubscriberTerminalSecrets {
  adminToken: string;
  anonymiseSalt: string;
}

/** subscriber-terminal on the shared bus and RPC hub, its own SQLite file and in-memory caches. */
export function composeSubscriberTerminal(
  runtime: EmbeddedRuntime,
  config: EmbeddedConfig,
  secrets: SubscriberTerminalSecrets,
  logger: Logger,
): EmbeddedService {
  const store = runtime.storeFor(SUBSCRIBER_TERMINAL);
  const cache = runtime.cacheFor();
  const serviceLogger = logger.child({ module: SUBSCRIBER_TERMINAL });
  const subscriptionDirectory =
    config.directoryUrl === undefined
      ? undefined
      : new HttpSubscriptionDirectory({
          baseUrl: config.directoryUrl,
          timeoutMs: config.directoryTimeoutMs,
          cache,
          cacheTtlMs: config.directoryCacheTtlMs,
          logger: serviceLogger,
        });
  const service = createSubscriberTerminal({
    bus: runtime.busFor(SOURCE),
    rpc: runtime.rpcFor(SUBSCRIBER_TERMINAL),
    store,
    cache,
    logger: serviceLogger,
    ...(subscriptionDirectory ? { subscriptionDirectory } : {}),
    config: {
      adminToken: secrets.adminToken,
      consumerGroup: 'subscriber-terminal',
      catalogCacheTtlMs: config.catalogCacheTtlMs,
      catalogCacheEntries: config.catalogCacheEntries,
      retentionDays: config.retentionDays,
      historyOnRemoval: config.historyOnRemoval,
      anonymiseSalt: secrets.anonymiseSalt,
      cleanupIntervalMs: config.cleanupIntervalMs,
      directoryTimeoutMs: config.directoryTimeoutMs,
      planServices: config.planServices,
    },
  });
  return {
    name: SUBSCRIBER_TERMINAL,
    router: service.router,
    registry: service.registry,
    checks: {
      [`${SUBSCRIBER_TERMINAL}.store`]: () => store.ping(),
      [`${SUBSCRIBER_TERMINAL}.cache`]: () => cache.ping(),
    },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
