import { join } from 'node:path';
import { createFirmwareService, defaultFirmwareSettings, FIRMWARE_SOURCE } from '@dms/firmware';
import type { Logger } from '@dms/service-kit';
import type { EmbeddedConfig } from '../config';
import { loadOrCreateSecret } from '../data-access/secret-file.store';
import { SECRETS_DIR } from './embedded-secrets';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const FIRMWARE = 'firmware';
export const FW_DOWNLOAD_SECRET_FILE = 'fw-download-secret';

/**
 * firmware on the shared bus and RPC hub (consent from diagnostics, jobs to dm-gateway,
 * results from its alerts) and its own SQLite file, which also holds the package bytes.
 * Handsets download from this process's port (/fw/v1/packages/...), signed per device.
 */
export function composeFirmware(runtime: EmbeddedRuntime, config: EmbeddedConfig, adminToken: string, logger: Logger): EmbeddedService {
  const store = runtime.storeFor(FIRMWARE);
  const downloadSecret = config.fwDownloadSecret ?? loadOrCreateSecret(join(runtime.dataDir, SECRETS_DIR, FW_DOWNLOAD_SECRET_FILE)).value;
  const service = createFirmwareService({
    bus: runtime.busFor(FIRMWARE_SOURCE),
    rpc: runtime.rpcFor(FIRMWARE),
    store,
    logger: logger.child({ module: FIRMWARE }),
    config: defaultFirmwareSettings({
      adminToken,
      downloadSecret,
      publicBaseUrl: config.fwPublicUrl ?? `http://127.0.0.1:${config.port}`,
      autoUpdate: config.fwAutoUpdate,
      consumerGroup: 'firmware',
    }),
  });
  return {
    name: FIRMWARE,
    router: service.router,
    registry: service.registry,
    checks: { [`${FIRMWARE}.store`]: () => store.ping() },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
