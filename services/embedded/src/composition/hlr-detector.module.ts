import { createHlrDetector, HLR_DETECTOR_SOURCE } from '@dms/hlr-detector';
import type { Logger } from '@dms/service-kit';
import type { EmbeddedConfig } from '../config';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const HLR_DETECTOR = 'hlr-detector';

/** hlr-detector on the shared bus, its own SQLite file and in-memory state cache. */
export function composeHlrDetector(
  runtime: EmbeddedRuntime,
  config: EmbeddedConfig,
  adminToken: string,
  logger: Logger,
): EmbeddedService {
  const store = runtime.storeFor(HLR_DETECTOR);
  const cache = runtime.cacheFor();
  const detector = createHlrDetector({
    bus: runtime.busFor(HLR_DETECTOR_SOURCE),
    store,
    cache,
    logger: logger.child({ module: HLR_DETECTOR }),
    config: {
      adminToken,
      // Same group name as distributed mode; the bus journal keeps its offsets under it.
      consumerGroup: 'hlr-detector',
      cacheTtlMs: config.hlrCacheTtlMs,
      localCacheEntries: config.hlrLocalCacheEntries,
      lastSeenWriteIntervalMs: config.hlrLastSeenWriteIntervalMs,
    },
  });
  return {
    name: HLR_DETECTOR,
    router: detector.router,
    registry: detector.registry,
    checks: { [`${HLR_DETECTOR}.store`]: () => store.ping(), [`${HLR_DETECTOR}.cache`]: () => cache.ping() },
    start: () => detector.start(),
    stop: () => detector.stop(),
  };
}
