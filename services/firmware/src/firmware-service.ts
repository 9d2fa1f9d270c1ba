import type { EventBus, Rpc, Subscription } from '@dms/bus';
import { createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { RpcConsentLookup } from './data-access/rpc-consent.lookup';
import { UpdateRepository } from './data-access/update.repository';
import { ReportOffer } from './domain/report.offer';
import { UpdateService, type UpdateSettings } from './domain/update.service';
import { subscribeFirmware } from './entry-points/bus/firmware.subscriptions';
import { createFirmwareRouter } from './entry-points/http/firmware.router';
import { createPackages, type PackageCatalog } from './packages';
import { RolloutRepository } from './rollouts/rollout.repository';
import { RolloutService, type RolloutSettings } from './rollouts/rollout.service';

export const FIRMWARE_SOURCE = '/services/firmware';

/** The part of the config the composition needs (embedded mode builds it by hand). */
export interface FirmwareServiceSettings extends UpdateSettings, RolloutSettings {
  adminToken: string;
  downloadSecret: string;
  publicBaseUrl: string;
  consumerGroup: string;
  maxPackageBytes: number;
  tokenTtlMs: number;
  autoUpdate: boolean;
  /** 0 = rollouts step and results are swept only when tick() is called. */
  tickMs: number;
  rpcTimeoutMs: number;
}

export interface FirmwareServiceDependencies {
  bus: EventBus;
  rpc: Rpc;
  /** firmware's own DocumentStore (packages, their bytes, updates, rollouts). */
  store: DocumentStore;
  logger: Logger;
  config: FirmwareServiceSettings;
  registry?: Registry;
  clock?: () => number;
}

export interface FirmwareService {
  /** /api/v1/firmware (bearer token) and the public /fw/v1/packages downloads; mount in any express app. */
  readonly router: Router;
  readonly registry: Registry;
  readonly catalog: PackageCatalog;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One rollout step and the sweep of overdue results; the timer calls it, tests may too. */
  tick(): Promise<void>;
}

/** Wires firmware on the adapters it is given; used by main.ts and by the embedded single process. */
export function createFirmwareService(deps: FirmwareServiceDependencies): FirmwareService {
  const { bus, rpc, store, config, logger } = deps;
  const registry = deps.registry ?? createMetricsRegistry({ service: 'firmware', defaultMetrics: false });
  const packages = createPackages({
    store,
    logger: logger.child({ module: 'packages' }),
    settings: { publicBaseUrl: config.publicBaseUrl, downloadSecret: config.downloadSecret, tokenTtlMs: config.tokenTtlMs, maxPackageBytes: config.maxPackageBytes },
  });
  const updateRepository = new UpdateRepository(store);
  const consent = new RpcConsentLookup(rpc, config.rpcTimeoutMs, logger);
  const updates = new UpdateService(bus, updateRepository, packages.catalog, consent, config, logger, deps.clock);
  const rolloutRepository = new RolloutRepository(store);
  const rollouts = new RolloutService(bus, rpc, rolloutRepository, updateRepository, updates, packages.catalog, config, logger.child({ module: 'rollouts' }), deps.clock);
  const offer = new ReportOffer(packages.catalog, updates, config.autoUpdate, logger);
  const router = Router();
  router.use(packages.downloadRouter);
  router.use(createFirmwareRouter({ adminToken: config.adminToken, updates, updateRepository, rollouts, packages: packages.router }));

  let subscriptions: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  const tick = async () => {
    await rollouts.tick();
    await updates.sweep();
  };
  return {
    router,
    registry,
    catalog: packages.catalog,
    tick,
    async start() {
      await Promise.all([packages.ensureIndexes(), updateRepository.ensureIndexes(), rolloutRepository.ensureIndexes()]);
      subscriptions = await subscribeFirmware(bus, config.consumerGroup, updates, offer);
      if (config.tickMs > 0) {
        timer = setInterval(() => {
          if (ticking !== undefined) return;
          ticking = tick()
            .catch((err: unknown) => logger.error({ err }, 'firmware tick failed'))
            .finally(() => (ticking = undefined));
        }, config.tickMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      await ticking;
      const closing = subscriptions;
      subscriptions = [];
      await Promise.all(closing.map((s) => s.close()));
    },
  };
}
