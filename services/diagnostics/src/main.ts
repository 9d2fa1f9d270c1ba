import { createMetricsRegistry, runService } from '@dms/service-kit';
import { adapterSummary, openServiceAdapters, serviceApp, startService } from '@dms/service-runtime';
import { diagnosticsConfig } from './config';
import { createDiagnostics, DIAGNOSTICS_SOURCE } from './diagnostics';

/**
 * Standalone diagnostics: `pnpm --filter @dms/diagnostics start` (`--help` lists the
 * variables). Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set, the
 * in-process and embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'diagnostics' });
    const adapters = await openServiceAdapters(config, { service: 'diagnostics', source: DIAGNOSTICS_SOURCE, logger, shutdown });
    const service = createDiagnostics({ ...adapters, logger, config, registry });
    const app = serviceApp({ registry, shutdown, logger, adapters, router: service.router });
    const server = await startService(app, service, { port: config.port, shutdown });
    logger.info({ port: server.port, ...adapterSummary(config), notAskedPolicy: config.notAskedPolicy }, 'diagnostics listening');
  },
  {
    service: 'diagnostics',
    config: { definition: diagnosticsConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
  },
);
