import type { EventBus, Subscription } from '@dms/bus';
import { ConfigError, createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import express, { type Router } from 'express';
import { HLR_DETECTOR_DEFAULTS } from './config';
import type { Registry } from 'prom-client';
import { PartitionLocalCache } from './data-access/partition-local.cache';
import { SeenTerminalRepository } from './data-access/seen-terminal.repository';
import { SubscriberStateRepository } from './data-access/subscriber-state.repository';
import { TieredSubscriberStates } from './data-access/subscriber-states';
import {
  STATE_TRANSITIONS_COLLECTION,
  SUBSCRIBER_STATES_COLLECTION,
  type StoredStateTransition,
  type StoredSubscriberState,
} from './data-access/stored-subscriber-state';
import { TransitionPruner, type PruneResult } from './data-access/transition.pruner';
import { BatchDetectionService } from './domain/batch-detection.service';
import { CombinationDetectionService } from './domain/combination-detection.service';
import { subscribeToObservations } from './entry-points/bus/observation.subscription';
import { createObservationsRouter } from './entry-points/http/observations.router';
import { DetectionMetrics } from './entry-points/observability/detection.metrics';

export const HLR_DETECTOR_SOURCE = '/services/hlr-detector';
export const DETECTIONS_TOPIC = 'terminal.combination-detected.v1' as const;

/** The part of HlrDetectorConfig the composition needs (embedded mode builds it by hand). */
export interface HlrDetectorSettings {
  adminToken: string;
  consumerGroup: string;
  cacheTtlMs: number;
  localCacheEntries: number;
  lastSeenWriteIntervalMs: number;
  /** Most observations of a partition decided together; default 10,000. */
  maxBatchSize?: number;
  /** Batches of a partition whose effects may settle at once; default 8. */
  maxUnsettledBatches?: number;
  /** Transitions behind their head are deleted once older than this; default 24 h, at least twice cacheTtlMs. */
  transitionRetentionMs?: number;
  /** Period of that clean-up; default 1 h, 0 = never (prune() still runs it on demand). */
  pruneIntervalMs?: number;
}

export interface HlrDetectorDependencies {
  bus: EventBus;
  /** The service's own DocumentStore (its own Mongo database, or the embedded SQLite file). */
  store: DocumentStore;
  /** The state cache: Redis, or the in-memory KeyValueStore. */
  cache: KeyValueStore;
  logger: Logger;
  config: HlrDetectorSettings;
  /** Registry for the service's counters; default a new one labelled service=hlr-detector. */
  registry?: Registry;
}

export interface HlrDetector {
  /** POST /api/v1/hlr/observations (bearer token); mount it in any express app. */
  readonly router: Router;
  readonly registry: Registry;
  /** Starts consuming `hlr.imei-observations.v1` in consumer group `config.consumerGroup`. */
  start(): Promise<void>;
  /** Stops consuming (drains the in-flight observation, commits). Does not close bus, store or cache: the caller owns them. */
  stop(): Promise<void>;
  /** Deletes the state transitions no read or write needs any more (transition.pruner.ts); also run every pruneIntervalMs. */
  prune(): Promise<PruneResult>;
}

/** Wires hlr-detector on the adapters it is given; used by main.ts and by the embedded single process. */
export function createHlrDetector(deps: HlrDetectorDependencies): HlrDetector {
  const { bus, store, cache, logger, config } = deps;
  const registry = deps.registry ?? createMetricsRegistry({ service: 'hlr-detector', defaultMetrics: false });
  const metrics = new DetectionMetrics(registry);
  const local = new PartitionLocalCache(config.localCacheEntries);
  const repository = new SubscriberStateRepository({ store, cache, cacheTtlMs: config.cacheTtlMs, logger });
  const retainMs = config.transitionRetentionMs ?? HLR_DETECTOR_DEFAULTS.transitionRetentionMs;
  if (retainMs < 2 * config.cacheTtlMs)
    throw new ConfigError([
      {
        env: 'DMS_HLR_TRANSITION_RETENTION_MS',
        problem: `${retainMs} ms is less than twice DMS_HLR_CACHE_TTL_MS (${2 * config.cacheTtlMs} ms): a cached state could outlive the transition that makes its stale writes fail; raise it or lower the cache TTL`,
      },
    ]);
  const pruner = new TransitionPruner(
    store.collection<StoredStateTransition>(STATE_TRANSITIONS_COLLECTION),
    store.collection<StoredSubscriberState>(SUBSCRIBER_STATES_COLLECTION),
    { retainMs, logger },
  );
  const pruneIntervalMs = config.pruneIntervalMs ?? HLR_DETECTOR_DEFAULTS.pruneIntervalMs;
  let pruneTimer: NodeJS.Timeout | undefined;
  let pruning: Promise<PruneResult> | undefined;
  const prune = (): Promise<PruneResult> =>
    (pruning ??= pruner
      .pruneOnce()
      .then((result) => {
        metrics.prunedTransitions(result.deleted);
        return result;
      })
      .finally(() => (pruning = undefined)));
  const states = new TieredSubscriberStates(repository, local, config.lastSeenWriteIntervalMs);
  const publisher = {
    async publish(event: Parameters<typeof bus.publish<typeof DETECTIONS_TOPIC>>[1], id: string) {
      await bus.publish(DETECTIONS_TOPIC, event, { id, key: event.msisdn });
    },
  };
  const terminals = new SeenTerminalRepository(store);
  const service = new CombinationDetectionService(states, terminals, publisher);
  const batchService = new BatchDetectionService(states, terminals, publisher);
  const router = express.Router();
  router.use(createObservationsRouter({ bus, adminToken: config.adminToken, metrics }));
  let subscription: Subscription | undefined;

  return {
    router,
    registry,
    async start() {
      subscription ??= await subscribeToObservations({
        bus,
        group: config.consumerGroup,
        maxBatchSize: config.maxBatchSize ?? HLR_DETECTOR_DEFAULTS.maxBatchSize,
        maxUnsettledBatches: config.maxUnsettledBatches ?? HLR_DETECTOR_DEFAULTS.maxUnsettledBatches,
        service,
        batchService,
        local,
        metrics,
        logger,
      });
      if (pruneIntervalMs > 0 && pruneTimer === undefined) {
        pruneTimer = setInterval(() => {
          prune().catch((error: unknown) =>
            logger.warn(
              { err: error },
              'state transition clean-up failed; trying again at the next interval',
            ),
          );
        }, pruneIntervalMs);
        pruneTimer.unref();
      }
    },
    async stop() {
      clearInterval(pruneTimer);
      pruneTimer = undefined;
      const current = subscription;
      subscription = undefined;
      await current?.close();
      await pruning?.catch(() => undefined);
    },
    prune,
  };
}
