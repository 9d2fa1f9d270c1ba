import {
  createMetricsRegistry,
  createOpsRouter,
  httpMetrics,
  problemHandler,
  runService,
  startHttpServer,
} from '@dms/service-kit';
import express from 'express';
import { configServiceConfig } from './config';
import { createConfigService } from './config-service';
import { createBus, createCache, createRpc, createStore } from './data-access/adapters.factory';

/**
 * Standalone config: `pnpm --filter @dms/config start` (`--help` lists the variables).
 * Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set, the in-process and
 * embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'config' });
    const cache = createCache(config, logger);
    shutdown.register('cache', () => cache.close());
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const bus = createBus(config, cache, logger);
    shutdown.register('bus', () => bus.close());
    const rpc = await createRpc(config, logger);
    shutdown.register('rpc', () => rpc.close());
    const service = createConfigService({ bus, rpc, store, cache, logger, config, registry });

    const app = express();
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
    await service.start();
    shutdown.register('consumers', () => service.stop());
    const server = await startHttpServer(app, { port: config.port });
    shutdown.register('http', () => server.close());
    logger.info(
      { port: server.port, kafka: config.kafkaBrokers !== undefined, nats: config.natsUrl !== undefined, mongo: config.mongoUrl !== undefined },
      'config listening',
    );
  },
  {
    service: 'config',
    config: { definition: configServiceConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
  },
);
