import { createMetricsRegistry, runService } from '@dms/service-kit';
import { adapterSummary, openServiceAdapters, serviceApp, startService } from '@dms/service-runtime';
import { firmwareServiceConfig } from './config';
import { createFirmwareService, FIRMWARE_SOURCE } from './firmware-service';

/**
 * Standalone firmware: `pnpm --filter @dms/firmware start` (`--help` lists the variables).
 * Kafka, NATS and MongoDB when their DMS_* addresses are set, the in-process and embedded
 * adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'firmware' });
    const adapters = await openServiceAdapters(config, { service: 'firmware', source: FIRMWARE_SOURCE, logger, shutdown });
    const service = createFirmwareService({ ...adapters, logger, config, registry });
    const app = serviceApp({ registry, shutdown, logger, adapters, router: service.router });
    const server = await startService(app, service, { port: config.port, shutdown });
    logger.info({ port: server.port, publicBaseUrl: config.publicBaseUrl, ...adapterSummary(config) }, 'firmware listening');
  },
  {
    service: 'firmware',
    config: { definition: firmwareServiceConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
  },
);
