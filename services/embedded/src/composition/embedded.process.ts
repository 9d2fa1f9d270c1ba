import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMetricsRegistry, startHttpServer, type ServiceContext } from '@dms/service-kit';
import type { EmbeddedConfig } from '../config';
import { lockDataDir } from '../data-access/data-dir.lock';
import { formatStartUpBanner } from '../entry-points/console/start-up.banner';
import { createEmbeddedApp } from '../entry-points/http/embedded.app';
import { explainListenError } from '../entry-points/http/port-in-use.error';
import { EmbeddedRuntime } from './embedded-runtime';
import { resolveSecrets } from './embedded-secrets';
import type { EmbeddedService } from './embedded-service';
import { composeConsole } from './console.module';
import { composeConfig } from './config.module';
import { composeDiagnostics } from './diagnostics.module';
import { composeDmGateway, DM_GATEWAY } from './dm-gateway.module';
import { composeFirmware } from './firmware.module';
import { composeHlrDetector } from './hlr-detector.module';
import { composeSubscriberTerminal } from './subscriber-terminal.module';

export interface EmbeddedProcessOptions {
  /** Where the friendly start-up block goes; default stdout. */
  print?: (text: string) => void;
}

/**
 * Starts every service in this process. Shutdown hooks are registered in start-up order
 * so that they run in reverse: HTTP intake stops first, then the services' subscriptions
 * drain and commit, then RPC, bus and journal close, then the stores and the lock.
 */
export async function startEmbedded(
  context: ServiceContext<EmbeddedConfig>,
  options: EmbeddedProcessOptions = {},
): Promise<void> {
  const { config, logger, shutdown } = context;
  const print = options.print ?? ((text: string) => void process.stdout.write(text));
  const dataDir = resolve(config.dataDir);

  let serving = false;
  // Registered first so it runs last: the newcomer's terminal ends with what became of the data.
  shutdown.register('farewell', () => {
    if (serving) print(`\nDMS stopped; data kept in ${dataDir}\n`);
  });
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  shutdown.register('data-dir-lock', () => lock.release());
  const runtime = await EmbeddedRuntime.open({ dataDir, synchronous: config.sqliteSynchronous, logger });
  shutdown.register('stores', () => runtime.closeStores());
  shutdown.register('bus', () => runtime.closeBus());
  shutdown.register('rpc', () => runtime.closeRpc());

  const secrets = resolveSecrets(dataDir, config);
  const adminToken = secrets.adminToken.value;
  const consoleService = composeConsole(runtime, config, logger);
  const services: EmbeddedService[] = [
    // First: it serves / and its /api/v1/console paths before other /api/v1 routers ask for the token.
    consoleService,
    composeHlrDetector(runtime, config, adminToken, logger),
    composeSubscriberTerminal(runtime, config, { adminToken, anonymiseSalt: secrets.anonymiseSalt }, logger),
    composeDiagnostics(
      runtime,
      {
        notAskedPolicy: config.diagNotAskedPolicy,
        askText: config.diagAskText,
        jobTtlMs: config.diagJobTtlMs,
        notify: config.diagNotify,
        rpcTimeoutMs: config.diagRpcTimeoutMs,
        latestFwKey: config.diagLatestFwKey,
      },
      adminToken,
      logger,
    ),
    composeConfig(runtime, config, adminToken, logger),
    composeFirmware(runtime, config, adminToken, logger),
    // Last: its /api/v1 router parses every JSON body it sees with its own 2 MB limit.
    composeDmGateway(runtime, config, adminToken, logger),
  ];
  const started: EmbeddedService[] = [];
  shutdown.register('services', async () => {
    await Promise.all(started.map((service) => service.stop()));
  });
  for (const service of services) {
    await service.start();
    started.push(service);
  }

  const app = createEmbeddedApp({
    services,
    registry: createMetricsRegistry({ service: 'embedded' }),
    lifecycle: shutdown,
    checks: { bus: () => runtime.bus.ready() },
    logger,
  });
  // Handsets trust the RespURI derived from Host / X-Forwarded-* (as dm-gateway's own main does).
  app.set('trust proxy', true);
  const server = await startHttpServer(app, { port: config.port, host: config.host }).catch(
    (error: unknown) => {
      throw explainListenError(error, config.port);
    },
  );
  // dm-gateway's limits: slow or stalled handsets are cut, keep-alive sockets serve a session's messages.
  server.server.requestTimeout = config.dmRequestTimeoutMs;
  server.server.headersTimeout = Math.min(config.dmRequestTimeoutMs, 60_000);
  server.server.keepAliveTimeout = config.dmKeepAliveTimeoutMs;
  shutdown.register('http', () => server.close());
  // Runs before 'http': open live streams would hold the server's close until the timeout.
  shutdown.register('console-streams', () => consoleService.endStreams());
  // Only now, with nothing left to fail, and printed at once: the password of a first admin
  // goes to the banner only, never to the logger (a failed start leaves no unseen admin).
  const consoleAdmin = await consoleService.ensureFirstAdmin();
  print(
    formatStartUpBanner({
      url: server.url,
      dataDir,
      services: services.map((s) => s.name),
      dmPath: services.some((s) => s.name === DM_GATEWAY) ? config.dmPath : undefined,
      adminToken: secrets.adminToken,
      consoleAdmin,
    }),
  );
  // After the banner: whoever waits for this line (a supervisor, the e2e harness) finds the banner printed.
  logger.info({ port: server.port, dataDir, services: services.map((s) => s.name) }, 'embedded DMS listening');
  serving = true;
}
