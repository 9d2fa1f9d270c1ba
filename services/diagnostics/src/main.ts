import { createMetricsRegistry, createOpsRouter, httpMetrics, problemHandler, runService, startHttpServer } from '@dms/service-kit';
import express from 'express';
import { diagnosticsConfig } from './config';
import { createBus, createRpc, createStore } from './data-access/adapters.factory';
import { createDiagnostics } from './diagnostics';

/**
 * Standalone diagnostics: `pnpm --filter @dms/diagnostics start` (`--help` lists the
 * variables). Kafka, NATS and MongoDB when their DMS_* addresses are set, the in-process
 * and embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'diagnostics' });
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const bus = createBus(config, logger);
    shutdown.register('bus', () => bus.close());
    const rpc = await createRpc(config, logger);
    shutdown.register('rpc', () => rpc.close());
    const service = createDiagnostics({ bus, rpc, store, logger, config, registry });

    const app = express();
    app.use(httpMetrics(registry));
    app.use(createOpsRouter({ registry, lifecycle: shutdown, checks: { bus: () => bus.ready(), store: () => store.ping() } }));
    app.use(service.router);
    app.use(problemHandler(logger));
    await service.start();
    shutdown.register('consumers', () => service.stop());
    const server = await startHttpServer(app, { port: config.port });
    shutdown.register('http', () => server.close());
    logger.info(
      { port: server.port, kafka: config.kafkaBrokers !== undefined, nats: config.natsUrl !== undefined, mongo: config.mongoUrl !== undefined, notAskedPolicy: config.notAskedPolicy },
      'diagnostics listening',
    );
  },
  {
    service: 'diagnostics',
    config: { definition: diagnosticsConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: 10_000,
  },
);
