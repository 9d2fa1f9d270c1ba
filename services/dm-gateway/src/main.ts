import {
  createMetricsRegistry,
  createOpsRouter,
  httpMetrics,
  problemHandler,
  runService,
} from '@dms/service-kit';
import { defaultNotificationProfile } from '@dms/syncml';
import express from 'express';
import { dmGatewayConfig } from './config';
import { createBus, createRpc, createSessionState, createStore } from './data-access/adapters.factory';
import { createDmGateway } from './dm-gateway';
import { listenDmHttp } from './entry-points/http/dm-http.server';
import { createSmppDeviceWakeUp, smscOptionsFromConfig } from './wake-up';

/**
 * Standalone dm-gateway: `pnpm --filter @dms/dm-gateway start` (`--help` lists the variables).
 * Kafka, MongoDB and Redis when their DMS_* addresses are set; in-process bus, embedded
 * SQLite and in-memory session state otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'dm-gateway' });
    const sessionState = createSessionState(config, logger);
    shutdown.register('session-state', () => sessionState.close());
    const store = createStore(config);
    shutdown.register('store', () => store.close());
    const bus = createBus(config, sessionState, logger);
    shutdown.register('bus', () => bus.close());
    const rpc = await createRpc(config, logger);
    if (rpc !== undefined) shutdown.register('rpc', () => rpc.close());
    const smsc = smscOptionsFromConfig(config);
    // The MSISDN of a wake-up: the job's, else subscriber-terminal's over the Rpc (JobWakeUpService).
    const wakeUp =
      smsc === undefined
        ? undefined
        : createSmppDeviceWakeUp({
            smsc,
            profileFor: () => defaultNotificationProfile,
            rateLimitPerSecond: config.smscRateLimit,
            maxAttempts: config.smscMaxAttempts,
            logger,
          });
    if (wakeUp !== undefined) shutdown.register('wake-up', () => wakeUp.close());
    const gateway = createDmGateway({
      bus,
      store,
      sessionState,
      logger,
      config,
      ...(wakeUp === undefined ? {} : { wakeUp }),
      ...(rpc === undefined ? {} : { rpc }),
    });
    const app = express();
    app.set('trust proxy', true);
    app.use(httpMetrics(registry));
    app.use(
      createOpsRouter({
        registry,
        lifecycle: shutdown,
        checks: {
          bus: () => bus.ready(),
          store: () => store.ping(),
          sessionState: () => sessionState.ping(),
        },
      }),
    );
    app.use(gateway.router);
    app.use(problemHandler(logger));
    await gateway.start();
    shutdown.register('consumers', () => gateway.stop());
    const server = await listenDmHttp(app, config);
    shutdown.register(
      'http',
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    logger.info(
      {
        port: config.port,
        path: config.dmPath,
        tls: config.tlsCertFile !== undefined,
        kafka: config.kafkaBrokers !== undefined,
        mongo: config.mongoUrl !== undefined,
        redis: config.redisUrl !== undefined,
      },
      'dm-gateway listening',
    );
  },
  {
    service: 'dm-gateway',
    config: { definition: dmGatewayConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: 10_000,
  },
);
