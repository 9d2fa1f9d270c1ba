import { createMetricsRegistry, runService } from '@dms/service-kit';
import { adapterSummary, openServiceAdapters, serviceApp, startService } from '@dms/service-runtime';
import { configServiceConfig } from './config';
import { CONFIG_SOURCE, createConfigService } from './config-service';

/**
 * Standalone config: `pnpm --filter @dms/config start` (`--help` lists the variables).
 * Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set, the in-process and
 * embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'config' });
    const adapters = await openServiceAdapters(config, { service: 'config', source: CONFIG_SOURCE, logger, shutdown });
    const service = createConfigService({ ...adapters, logger, config, registry });
    const app = serviceApp({ registry, shutdown, logger, adapters, router: service.router });
    const server = await startService(app, service, { port: config.port, shutdown });
    logger.info({ port: server.port, ...adapterSummary(config) }, 'config listening');
  },
  {
    service: 'config',
    config: { definition: configServiceConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
  },
);
