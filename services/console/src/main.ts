import { createMetricsRegistry, runService, startHttpServer } from '@dms/service-kit';
import { openServiceAdapters, serviceApp } from '@dms/service-runtime';
import { consoleConfig } from './config';
import { CONSOLE_SOURCE, createConsole } from './console';
import { startConsoleProcess } from './entry-points/cli/console.start-up';

/**
 * Standalone console: `pnpm --filter @dms/console start` (`--help` lists the variables).
 * Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set. Each instance consumes
 * the live topics in its own group (DMS_CONSOLE_LIVE_GROUP, default per host and pid) from
 * the latest offset, so every instance's browsers see every event.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'console' });
    const adapters = await openServiceAdapters(config, { service: 'console', source: CONSOLE_SOURCE, logger, shutdown });
    const service = createConsole({ ...adapters, logger, config, registry });
    const app = serviceApp({ registry, shutdown, logger, adapters, router: service.router });
    app.set('trust proxy', true);
    const { port } = await startConsoleProcess({
      service,
      shutdown,
      listen: () => startHttpServer(app, { port: config.port }),
      print: (text) => void process.stdout.write(text),
    });
    logger.info({ port, liveGroup: config.liveGroup }, 'console listening');
  },
  {
    service: 'console',
    config: { definition: consoleConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
  },
);
