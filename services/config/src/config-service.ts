import type { EventBus, Rpc, RpcRegistration, Subscription } from '@dms/bus';
import { bearerAuth, createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import { Router } from 'express';
import { createCampaigns, type CampaignSettings } from './campaigns';
import type { Registry } from 'prom-client';
import { ConfigJobRepository } from './data-access/config-job.repository';
import { DeviceStateRepository } from './data-access/device-state.repository';
import { ProfileRepository } from './data-access/profile.repository';
import { RpcConsentChecker } from './data-access/rpc-consent.checker';
import { RpcTerminalLookup } from './data-access/rpc-terminal.lookup';
import { TemplateRepository } from './data-access/template.repository';
import { CommandPlanner, type PlanCommands } from './domain/command.planner';
import { ConfigOutcomePublisher } from './domain/config-outcome.publisher';
import { ConfigurationService, type ConfigurationSettings } from './domain/configuration.service';
import { JobOutcomeHandler, type RetrySettings } from './domain/job-outcome.handler';
import { ProfileService } from './domain/profile.service';
import { ReportHandler } from './domain/report.handler';
import { TemplateService } from './domain/template.service';
import { subscribeConfig } from './entry-points/bus/config.subscriptions';
import { createConfigRouter } from './entry-points/http/config.router';
import { serveConfigRpc } from './entry-points/rpc/config.rpc';

export const CONFIG_SOURCE = '/services/config';

/** The part of ConfigServiceConfig the composition needs (embedded mode builds it by hand). */
export interface ConfigServiceSettings extends ConfigurationSettings, RetrySettings, CampaignSettings {
  adminToken: string;
  consumerGroup: string;
  /** Loaded when the store has no profile; empty or undefined = none. */
  sampleProfileFile?: string | undefined;
  defaultProfileId: string;
  /** 0 = retries only when retryDue() is called. */
  retrySweepMs: number;
  rpcTimeoutMs: number;
}

export interface ConfigServiceDependencies {
  bus: EventBus;
  rpc: Rpc;
  /** config's own DocumentStore (its Mongo database, or the embedded SQLite file). */
  store: DocumentStore;
  /** Not used by the core yet; main.ts gives the bus's processed-event log this store. */
  cache?: KeyValueStore;
  logger: Logger;
  config: ConfigServiceSettings;
  registry?: Registry;
}

export interface ConfigService {
  /** /api/v1/config and /api/v1/campaigns routes (bearer token) and the OpenAPI document; mount in any express app. */
  readonly router: Router;
  readonly registry: Registry;
  /** Commands for a handset from its template and profile (handed to campaigns). */
  readonly planCommands: PlanCommands;
  /** Indexes, sample profile and default templates, subscriptions, RPC, the retry sweep, then campaigns. */
  start(): Promise<void>;
  /** Stops consuming, serving and the sweep. Bus, RPC and store belong to the caller. */
  stop(): Promise<void>;
  /** Publishes retries whose backoff has passed; the sweep calls it, tests may too. */
  retryDue(now?: number): Promise<number>;
}

/** Wires config on the adapters it is given; used by main.ts and by the embedded single process. */
export function createConfigService(deps: ConfigServiceDependencies): ConfigService {
  const { bus, rpc, store, config } = deps;
  const logger = deps.logger;
  const registry = deps.registry ?? createMetricsRegistry({ service: 'config', defaultMetrics: false });
  const profileRepository = new ProfileRepository(store);
  const devices = new DeviceStateRepository(store);
  const jobs = new ConfigJobRepository(store);
  const profiles = new ProfileService(profileRepository, logger);
  const templates = new TemplateService(new TemplateRepository(store), profiles, config.defaultProfileId);
  const planner = new CommandPlanner(templates, new RpcTerminalLookup(rpc, config.rpcTimeoutMs, logger), devices);
  const outcomes = new ConfigOutcomePublisher(bus);
  const consent = new RpcConsentChecker(rpc, config.rpcTimeoutMs, logger);
  const configuration = new ConfigurationService(bus, planner, consent, devices, jobs, outcomes, config, logger);
  const jobOutcomes = new JobOutcomeHandler(bus, jobs, devices, outcomes, configuration, planner, config, logger);
  const reports = new ReportHandler(configuration, logger);
  const campaigns = createCampaigns({
    bus,
    rpc,
    store,
    logger: logger.child({ module: 'campaigns' }),
    config,
    planCommands: planner.planCommands,
    auth: bearerAuth(config.adminToken),
  });
  const router = Router();
  router.use(createConfigRouter({ adminToken: config.adminToken, profiles, templates, configuration, devices }));
  router.use(campaigns.router);
  let subscriptions: Subscription[] = [];
  let registrations: RpcRegistration[] = [];
  let timer: NodeJS.Timeout | undefined;

  return {
    router,
    registry,
    planCommands: planner.planCommands,
    retryDue: (now) => jobOutcomes.retryDue(now),
    async start() {
      await Promise.all([profileRepository.ensureIndexes(), devices.ensureIndexes(), jobs.ensureIndexes()]);
      await profiles.loadSampleIfEmpty(config.sampleProfileFile);
      await templates.seedDefaults();
      subscriptions = await subscribeConfig(bus, config.consumerGroup, reports, jobOutcomes);
      registrations = await serveConfigRpc(rpc, { templates, configuration, devices });
      if (config.retrySweepMs > 0) {
        timer = setInterval(() => {
          jobOutcomes.retryDue().catch((err: unknown) => logger.error({ err }, 'retry sweep failed'));
        }, config.retrySweepMs);
        timer.unref();
      }
      await campaigns.start();
    },
    async stop() {
      clearInterval(timer);
      await campaigns.stop();
      const closing = [...subscriptions, ...registrations];
      subscriptions = [];
      registrations = [];
      await Promise.all(closing.map((c) => c.close()));
    },
  };
}
