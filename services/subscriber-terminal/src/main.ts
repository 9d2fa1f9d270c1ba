import {
  createMetricsRegistry,
  createOpsRouter,
  httpMetrics,
  problemHandler,
  runService,
  startHttpServer,
} from '@dms/service-kit';
import express from 'express';
import { subscriberTerminalConfig } from './config';
import { createBus, createCache, createRpc, createStore } from './data-access/adapters.factory';
import { HttpSubscriptionDirectory } from './data-access/http-subscription.directory';
import { createSubscriberTerminal } from './subscriber-terminal';

/**
 * Standalone subscriber-terminal: `pnpm --filter @dms/subscriber-terminal start` (`--help`
 * lists the variables). Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set,
 * the in-process and embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'subscriber-terminal' });
    const cache = createCache(config, logger);
    shutdown.register('cache', () => cache.close());
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const bus = createBus(config, cache, logger);
    shutdown.register('bus', () => bus.close());
    const rpc = await createRpc(config, logger);
    shutdown.register('rpc', () => rpc.close());
    const subscriptionDirectory =
      config.directoryUrl === undefined
        ? undefined
        : new HttpSubscriptionDirectory({
            baseUrl: config.directoryUrl,
            timeoutMs: config.directoryTimeoutMs,
            cache,
            cacheTtlMs: config.directoryCacheTtlMs,
            logger,
            ...(config.directoryAuthorization === undefined
              ? {}
              : { authorization: config.directoryAuthorization }),
          });
    const service = createSubscriberTerminal({
      bus,
      rpc,
      store,
      cache,
      logger,
      config,
      registry,
      ...(subscriptionDirectory ? { subscriptionDirectory } : {}),
    });

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
      {
        port: server.port,
        kafka: config.kafkaBrokers !== undefined,
        nats: config.natsUrl !== undefined,
        mongo: config.mongoUrl !== undefined,
        redis: config.redisUrl !== undefined,
      },
      'subscriber-terminal listening',
    );
  },
  {
    service: 'subscriber-terminal',
    config: { definition: subscriberTerminalConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
  },
);
