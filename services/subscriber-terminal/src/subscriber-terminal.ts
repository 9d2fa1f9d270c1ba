import type { EventBus, Rpc, RpcRegistration, Subscription } from '@dms/bus';
import { createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import type { Router } from 'express';
import type { Registry } from 'prom-client';
import { AssociationRepository } from './data-access/association.repository';
import { CatalogLookup } from './data-access/catalog.lookup';
import { CatalogRepository } from './data-access/catalog.repository';
import { MirrorSubscriptionDirectory } from './data-access/mirror-subscription.directory';
import { SubscriberRepository } from './data-access/subscriber.repository';
import { TerminalRepository } from './data-access/terminal.repository';
import { CatalogPropagation } from './domain/catalog.propagation';
import { CleanupService, type CleanupReport } from './domain/cleanup.service';
import { CombinationService } from './domain/combination.service';
import { InventoryService } from './domain/inventory.service';
import { SubscriberLookupService } from './domain/subscriber-lookup.service';
import { SubscriberTerminalSetupError } from './domain/subscriber-terminal.errors';
import { SubscriberUpdateAnnouncer } from './domain/subscriber-update.announcer';
import type { SubscriptionDirectory } from './domain/subscription-directory.port';
import { TerminalCatalogService } from './domain/terminal-catalog.service';
import { subscribeToDetections } from './entry-points/bus/detection.subscription';
import { subscribeToSubscriptionChanges } from './entry-points/bus/subscription-changed.subscription';
import { createSubscriberTerminalRouter } from './entry-points/http/subscriber-terminal.router';
import { SubscriberTerminalMetrics } from './entry-points/observability/subscriber-terminal.metrics';
import { serveLookupRpc } from './entry-points/rpc/lookup.rpc';

/** The part of SubscriberTerminalConfig the composition needs (embedded mode builds it by hand). */
/** CloudEvents `source` of what subscriber-terminal publishes. */
export const SUBSCRIBER_TERMINAL_SOURCE = '/services/subscriber-terminal';

export interface SubscriberTerminalSettings {
  adminToken: string;
  consumerGroup: string;
  catalogCacheTtlMs: number;
  catalogCacheEntries: number;
  retentionDays: number;
  historyOnRemoval: 'anonymise' | 'drop';
  anonymiseSalt?: string | undefined;
  /** 0 = clean-up only on demand. */
  cleanupIntervalMs: number;
  directoryTimeoutMs: number;
  planServices: Readonly<Record<string, readonly string[]>>;
}

export interface SubscriberTerminalDependencies {
  bus: EventBus;
  rpc: Rpc;
  /** The service's own DocumentStore (its Mongo database, or the embedded SQLite file). */
  store: DocumentStore;
  /** Catalog and eligibility caches: Redis, or the in-memory KeyValueStore. */
  cache: KeyValueStore;
  logger: Logger;
  config: SubscriberTerminalSettings;
  /** Default: the mirror fed by subscription.changed.v1. */
  subscriptionDirectory?: SubscriptionDirectory;
  registry?: Registry;
}

export interface SubscriberTerminal {
  /** /api/v1/... routes (bearer token) and the OpenAPI document; mount in any express app. */
  readonly router: Router;
  readonly registry: Registry;
  /** Creates indexes, subscribes to the topics, serves RPC, schedules the clean-up. */
  start(): Promise<void>;
  /** Stops consuming, serving and the schedule. Bus, RPC, store and cache belong to the caller. */
  stop(): Promise<void>;
  cleanup(): Promise<CleanupReport>;
}

/** Wires subscriber-terminal on the adapters it is given; used by main.ts and by the embedded single process. */
export function createSubscriberTerminal(deps: SubscriberTerminalDependencies): SubscriberTerminal {
  const { bus, rpc, store, cache, logger, config } = deps;
  if (config.historyOnRemoval === 'anonymise' && !config.anonymiseSalt)
    throw new SubscriberTerminalSetupError('anonymised history needs a salt (DMS_ST_ANONYMISE_SALT)');
  const registry =
    deps.registry ?? createMetricsRegistry({ service: 'subscriber-terminal', defaultMetrics: false });
  const metrics = new SubscriberTerminalMetrics(registry);
  const subscribers = new SubscriberRepository(store);
  const terminals = new TerminalRepository(store);
  const associations = new AssociationRepository(store);
  const catalogRepository = new CatalogRepository(store);
  const catalog = new TerminalCatalogService(
    catalogRepository,
    new CatalogLookup(catalogRepository, cache, config.catalogCacheTtlMs, config.catalogCacheEntries, logger),
    undefined,
    new CatalogPropagation(terminals, subscribers),
  );
  const mirror = new MirrorSubscriptionDirectory(store, config.planServices);
  const directory = deps.subscriptionDirectory ?? mirror;
  const announcer = new SubscriberUpdateAnnouncer(bus, subscribers);
  const combinations = new CombinationService({
    subscribers,
    terminals,
    associations,
    catalog,
    announcer,
    directory,
    tenants: mirror,
    directoryTimeoutMs: config.directoryTimeoutMs,
    logger,
  });
  const inventories = new InventoryService(terminals, subscribers, catalog, announcer);
  const lookup = new SubscriberLookupService(subscribers, terminals, associations, catalog, announcer);
  const cleanupService = new CleanupService(
    subscribers,
    terminals,
    associations,
    announcer,
    bus,
    {
      retentionDays: config.retentionDays,
      history: config.historyOnRemoval,
      ...(config.anonymiseSalt ? { salt: config.anonymiseSalt } : {}),
    },
    logger,
  );
  const cleanup = async (): Promise<CleanupReport> => {
    const stopTimer = metrics.cleanupSeconds.startTimer();
    const report = await cleanupService.run();
    stopTimer();
    metrics.cleanupRemoved.inc({ kind: 'subscriber' }, report.subscribersRemoved);
    metrics.cleanupRemoved.inc({ kind: 'terminal' }, report.terminalsRemoved);
    return report;
  };
  const router = createSubscriberTerminalRouter({
    adminToken: config.adminToken,
    lookup,
    catalog,
    cleanup: { run: cleanup } as CleanupService,
  });
  let subscriptions: Subscription[] = [];
  let registrations: RpcRegistration[] = [];
  let timer: NodeJS.Timeout | undefined;

  return {
    router,
    registry,
    cleanup,
    async start() {
      await Promise.all([
        subscribers.ensureIndexes(),
        terminals.ensureIndexes(),
        associations.ensureIndexes(),
        catalogRepository.ensureIndexes(),
      ]);
      subscriptions = await subscribeToDetections(
        bus,
        config.consumerGroup,
        combinations,
        inventories,
        metrics,
        logger,
      );
      subscriptions.push(
        await subscribeToSubscriptionChanges(bus, config.consumerGroup, mirror, subscribers),
      );
      registrations = await serveLookupRpc(rpc, lookup, logger);
      if (config.cleanupIntervalMs > 0) {
        timer = setInterval(() => {
          cleanup().catch((err: unknown) => logger.error({ err }, 'scheduled clean-up failed'));
        }, config.cleanupIntervalMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      const closing = [...subscriptions, ...registrations];
      subscriptions = [];
      registrations = [];
      await Promise.all(closing.map((c) => c.close()));
    },
  };
}
