import { CONSOLE_SOURCE, createConsole, type Console } from '@dms/console';
import type { Logger } from '@dms/service-kit';
import type { EmbeddedConfig } from '../config';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const CONSOLE = 'console';

export type EmbeddedConsole = EmbeddedService & Pick<Console, 'ensureFirstAdmin' | 'endStreams'>;

/**
 * The console on the shared bus and RPC hub, its own SQLite file (users, audit log) and an
 * in-memory key-value store for sessions (one process, so no other instance needs them).
 * Its router goes first: it serves `/` and answers every /api/v1/console path itself, before
 * the other services' /api/v1 routers demand the admin token.
 */
export function composeConsole(
  runtime: EmbeddedRuntime,
  config: EmbeddedConfig,
  logger: Logger,
): EmbeddedConsole {
  const store = runtime.storeFor(CONSOLE);
  const cache = runtime.cacheFor();
  const service = createConsole({
    bus: runtime.busFor(CONSOLE_SOURCE),
    rpc: runtime.rpcFor(CONSOLE),
    store,
    cache,
    logger: logger.child({ module: CONSOLE }),
    config: {
      // One instance: one group; its offset in the bus journal resumes the feed after a restart.
      liveGroup: 'console-live',
      sessionIdleTtlMs: config.sessionIdleTtlMs,
      sessionMaxAgeMs: config.sessionMaxAgeMs,
      signInMaxFailures: config.signInMaxFailures,
      signInLockMs: config.signInLockMs,
      rpcTimeoutMs: config.rpcTimeoutMs,
      dashboardMinutes: config.dashboardMinutes,
      tenantAttribute: config.tenantAttribute,
    },
  });
  return {
    name: CONSOLE,
    router: service.router,
    registry: service.registry,
    checks: { [`${CONSOLE}.store`]: () => store.ping(), [`${CONSOLE}.sessions`]: () => cache.ping() },
    start: () => service.start(),
    stop: () => service.stop(),
    ensureFirstAdmin: () => service.ensureFirstAdmin(),
    endStreams: () => service.endStreams(),
  };
}
