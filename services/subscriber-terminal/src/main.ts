import { createMetricsRegistry, runService } from '@dms/service-kit';
import { adapterSummary, openServiceAdapters, serviceApp, startService } from '@dms/service-runtime';
import { subscriberTerminalConfig } from './config';
import { HttpSubscriptionDirectory } from './data-access/http-subscription.directory';
import { createSubscriberTerminal, SUBSCRIBER_TERMINAL_SOURCE } from './subscriber-terminal';

/**
 * Standalone subscriber-terminal: `pnpm --filter @dms/subscriber-terminal start` (`--help`
 * lists the variables). Kafka, NATS, MongoDB and Redis when their DMS_* addresses are set,
 * the in-process and embedded adapters otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const registry = createMetricsRegistry({ service: 'subscriber-terminal' });
    const adapters = await openServiceAdapters(config, { service: 'subscriber-terminal', source: SUBSCRIBER_TERMINAL_SOURCE, logger, shutdown });
    const subscriptionDirectory =
      config.directoryUrl === undefined
        ? undefined
        : new HttpSubscriptionDirectory({
            baseUrl: config.directoryUrl,
            timeoutMs: config.directoryTimeoutMs,
            cache: adapters.cache,
            cacheTtlMs: config.directoryCacheTtlMs,
            logger,
            ...(config.directoryAuthorization === undefined ? {} : { authorization: config.directoryAuthorization }),
          });
    const service = createSubscriberTerminal({ ...adapters, logger, config, registry, ...(subscriptionDirectory ? { subscriptionDirectory } : {}) });
    const app = serviceApp({ registry, shutdown, logger, adapters, router: service.router });
    const server = await startService(app, service, { port: config.port, shutdown });
    logger.info({ port: server.port, ...adapterSummary(config) }, 'subscriber-terminal listening');
  },
  {
    service: 'subscriber-terminal',
    config: { definition: subscriberTerminalConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => config.logLevel,
    shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
  },
);
