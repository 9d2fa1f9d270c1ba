import { runService } from '@dms/service-kit';
import { EMBEDDED_SHUTDOWN_TIMEOUT_MS, embeddedConfig } from './config';
import { startEmbedded } from './composition/embedded.process';

/**
 * `pnpm start`: every DMS service in this one process, no server to install
 * (ARCHITECTURE.md "Two ways to run", embedded). `--help` lists the variables.
 * One runService, so one set of signal handlers and one ShutdownManager for all services.
 */
void runService((context) => startEmbedded(context), {
  service: 'dms',
  config: { definition: embeddedConfig, env: process.env },
  argv: process.argv.slice(2),
  level: (config) => config.logLevel,
  shutdownTimeoutMs: EMBEDDED_SHUTDOWN_TIMEOUT_MS,
});
