import { createDmGateway, defaultSettings } from '@dms/dm-gateway';
import { createSmppDeviceWakeUp, smscOptionsFromConfig } from '@dms/dm-gateway/src/wake-up';
import { createMetricsRegistry, type Logger } from '@dms/service-kit';
import { defaultNotificationProfile } from '@dms/syncml';
import type { EmbeddedConfig } from '../config';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const DM_GATEWAY = 'dm-gateway';
const SOURCE = '/services/dm-gateway';

/**
 * dm-gateway on the shared bus and RPC hub, its own SQLite file, and session state in memory (one
 * process, so no other instance needs to see it; sessions open at a stop are lost, as the
 * handset retries). createDmGateway keeps no metrics registry of its own yet: an empty one
 * stands in so /metrics stays uniform.
 */
export function composeDmGateway(
  runtime: EmbeddedRuntime,
  config: EmbeddedConfig,
  adminToken: string,
  logger: Logger,
): EmbeddedService {
  const store = runtime.storeFor(DM_GATEWAY);
  const sessionState = runtime.cacheFor();
  const serviceLogger = logger.child({ module: DM_GATEWAY });
  const smsc = smscOptionsFromConfig(config);
  const wakeUp =
    smsc === undefined
      ? undefined
      : createSmppDeviceWakeUp({
          smsc,
          profileFor: () => defaultNotificationProfile,
          rateLimitPerSecond: config.smscRateLimit,
          maxAttempts: config.smscMaxAttempts,
          logger: serviceLogger,
        });
  const gateway = createDmGateway({
    ...(wakeUp === undefined ? {} : { wakeUp }),
    bus: runtime.busFor(SOURCE),
    // The shared hub: the MSISDN of a wake-up comes from subscriber-terminal in this process.
    rpc: runtime.rpcFor(DM_GATEWAY),
    store,
    sessionState,
    logger: serviceLogger,
    config: defaultSettings({
      adminToken,
      dmPath: config.dmPath,
      publicUrl: config.dmPublicUrl,
      masterSecret: config.dmMasterSecret,
      serverId: config.dmServerId,
      derivedAuthType: config.dmDerivedAuthType,
      maxMsgSize: config.dmMaxMsgSize,
      maxObjSize: config.dmMaxObjSize,
      bodyLimitBytes: config.dmBodyLimitBytes,
      sessionTtlMs: config.dmSessionTtlMs,
      authFailuresBeforeLock: config.dmAuthFailuresBeforeLock,
      authLockBaseMs: config.dmAuthLockBaseMs,
      jobSweepIntervalMs: config.dmJobSweepIntervalMs,
      consumerGroup: 'dm-gateway',
    }),
  });
  return {
    name: DM_GATEWAY,
    router: gateway.router,
    registry: createMetricsRegistry({ service: DM_GATEWAY, defaultMetrics: false }),
    checks: {
      [`${DM_GATEWAY}.store`]: () => store.ping(),
      [`${DM_GATEWAY}.session-state`]: () => sessionState.ping(),
    },
    start: () => gateway.start(),
    async stop() {
      await gateway.stop();
      await wakeUp?.close();
    },
  };
}
