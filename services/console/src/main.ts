import {
  createMetricsRegistry,
  createOpsRouter,
  httpMetrics,
  problemHandler,
  runService,
  startHttpServer,
} from '@dms/service-kit';
import express from 'express';
import { consoleConfig } from './config';
import { createConsole } from './console';
import { createBus, createCache, createRpc, createStore } from './data-access/adapters.factory';
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
    const cache = createCache(config, logger);
    shutdown.register('cache', () => cache.close());
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const bus = createBus(config, cache, logger);
    shutdown.register('bus', () => bus.close());
    const rpc = await createRpc(config, logger);
    shutdown.register('rpc', () => rpc.close());
    const service = createConsole({ bus, rpc, store, cache, logger, config, registry });

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', true);
    app.use(httpMetrics(registry));
    app.use(
      createOpsRouter({
        registry,
        lifecycle: shutdown,
        checks: { bus: () => bus.ready(), store: () => store.ping(), cache: () => cache.ping() },
      }),
    );
    app.use(service.router);
    app.use(problemHandler(logger));
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
