import { CONFIG_SOURCE, createConfigService, defaultConfigSettings, type ConfigService } from '@dms/config';
import type { Logger } from '@dms/service-kit';
import type { EmbeddedConfig } from '../config';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const CONFIG = 'config';

/**
 * config on the shared bus and RPC hub (consent from diagnostics, catalog from
 * subscriber-terminal, jobs to dm-gateway, all in this process) and its own SQLite file.
 * The sample operator profile is loaded on first start, so a new handset is configured
 * out of the box. `planCommands` is exposed for campaigns composed elsewhere.
 */
export function composeConfig(
  runtime: EmbeddedRuntime,
  _config: EmbeddedConfig,
  adminToken: string,
  logger: Logger,
): EmbeddedService & { readonly planCommands: ConfigService['planCommands'] } {
  const store = runtime.storeFor(CONFIG);
  const service = createConfigService({
    bus: runtime.busFor(CONFIG_SOURCE),
    rpc: runtime.rpcFor(CONFIG),
    store,
    logger: logger.child({ module: CONFIG }),
    // Same group name as distributed mode; the bus journal keeps its offsets under it.
    config: defaultConfigSettings({ adminToken, consumerGroup: 'config' }),
  });
  return {
    name: CONFIG,
    router: service.router,
    registry: service.registry,
    planCommands: service.planCommands,
    checks: { [`${CONFIG}.store`]: () => store.ping() },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
