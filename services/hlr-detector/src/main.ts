import {
  createMetricsRegistry,
  createOpsRouter,
  httpMetrics,
  problemHandler,
  runService,
  startHttpServer,
} from '@dms/service-kit';
import express from 'express';
import { hlrDetectorConfig } from './config';
import { createBus, createCache, createStore } from './data-access/adapters.factory';
import { DetectionMetrics } from './entry-points/observability/detection.metrics';
import { countingDeadLetters } from './entry-points/observability/dead-letter.counter';
import { createHlrDetector } from './hlr-detector';

/**
 * Standalone hlr-detector: `pnpm --filter @dms/hlr-detector start` (`--help` lists the
 * variables). Kafka, MongoDB and Redis when their DMS_* addresses are set, the embedded
 * adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'hlr-detector' });
    const metrics = new DetectionMetrics(registry);
    const bus = createBus(config, countingDeadLetters(logger, config.consumerGroup, metrics));
    shutdown.register('bus', () => bus.close());
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const cache = createCache(config, logger);
    shutdown.register('cache', () => cache.close());
    const detector = createHlrDetector({ bus, store, cache, logger, config, registry });

    const app = express();
    app.use(httpMetrics(registry));
    app.use(
      createOpsRouter({
        registry,
        lifecycle: shutdown,
        checks: { bus: () => bus.ready(), store: () => store.ping(), cache: () => cache.ping() },
      }),
    );
    app.use(detector.router);
    app.use(problemHandler(logger));
    const server = await startHttpServer(app, { port: config.port });
    shutdown.register('http', () => server.close());
    await detector.start();
    shutdown.register('subscription', () => detector.stop());
    logger.info(
      {
        port: server.port,
        kafka: config.kafkaBrokers !== undefined,
        mongo: config.mongoUrl !== undefined,
        redis: config.redisUrl !== undefined,
      },
      'hlr-detector listening',
    );
  },
  {
    service: 'hlr-detector',
    config: { definition: hlrDetectorConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
  },
);
