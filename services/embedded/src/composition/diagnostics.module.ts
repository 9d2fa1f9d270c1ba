import { createDiagnostics, defaultDiagnosticsSettings, DIAGNOSTICS_SOURCE, type DiagnosticsSettings } from '@dms/diagnostics';
import type { Logger } from '@dms/service-kit';
import type { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

export const DIAGNOSTICS = 'diagnostics';

/**
 * Settings the embedded config may carry (DMS_DIAG_NOT_ASKED_POLICY, DMS_DIAG_JOB_TTL_MS,
 * DMS_DIAG_NOTIFY, DMS_DIAG_ASK_TEXT, DMS_DIAG_RPC_TIMEOUT_MS, DMS_DIAG_LATEST_FW_KEY);
 * each one left out takes the default of services/diagnostics/src/config.ts.
 */
export type DiagnosticsModuleOptions = Partial<Omit<DiagnosticsSettings, 'adminToken' | 'consumerGroup'>>;

/** diagnostics on the shared bus and RPC hub (subscriber-terminal and config answer its lookups) and its own SQLite file. */
export function composeDiagnostics(
  runtime: EmbeddedRuntime,
  options: DiagnosticsModuleOptions,
  adminToken: string,
  logger: Logger,
): EmbeddedService {
  const store = runtime.storeFor(DIAGNOSTICS);
  const service = createDiagnostics({
    bus: runtime.busFor(DIAGNOSTICS_SOURCE),
    rpc: runtime.rpcFor(DIAGNOSTICS),
    store,
    logger: logger.child({ module: DIAGNOSTICS }),
    // Same group name as distributed mode; the bus journal keeps its offsets under it.
    config: defaultDiagnosticsSettings({ ...options, adminToken, consumerGroup: 'diagnostics' }),
  });
  return {
    name: DIAGNOSTICS,
    router: service.router,
    registry: service.registry,
    checks: { [`${DIAGNOSTICS}.store`]: () => store.ping() },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
