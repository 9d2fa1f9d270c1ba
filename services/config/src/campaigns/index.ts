import type { EventBus, Rpc, RpcRegistration, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import type { RequestHandler, Router } from 'express';
import type { CampaignSettings } from './campaign.config';
import { CampaignRepository } from './data-access/campaign.repository';
import { CampaignLedger } from './data-access/campaign-ledger.repository';
import { CampaignLeases } from './data-access/campaign-lease.repository';
import type { PlanCommands } from './domain/campaign.ports';
import { CampaignRunner } from './domain/campaign.runner';
import { CampaignService } from './domain/campaign.service';
import { CompletionRecorder } from './domain/completion-recorder';
import { JobDispatcher } from './domain/job-dispatcher';
import { TargetEnumerator } from './domain/target-enumerator';
import { createCampaignsRouter } from './entry-points/campaigns.router';
import { serveCampaignRpc } from './entry-points/campaigns.rpc';
import { subscribeToCompletions } from './entry-points/completion.subscription';

export { campaignConfigFields, defaultCampaignSettings, type CampaignSettings } from './campaign.config';
export { campaignsOpenApi } from './entry-points/campaigns.openapi';
export type { PlanCommands, PlanTarget, CommandPlan } from './domain/campaign.ports';

export interface CampaignsDependencies {
  bus: EventBus;
  rpc: Rpc;
  /** config's own DocumentStore (its Mongo database or embedded SQLite file). */
  store: DocumentStore;
  logger: Logger;
  config: CampaignSettings;
  /** From the config core: the profile's commands for one handset, through its family's template. */
  planCommands: PlanCommands;
  /** Guards every /api/v1/campaigns route, e.g. `bearerAuth(config.adminToken)`. */
  auth: RequestHandler;
}

export interface Campaigns {
  /** REST under /api/v1/campaigns; mount before the problem handler. */
  readonly router: Router;
  readonly service: CampaignService;
  /** Indexes, the dm.command-completed.v1 subscription, the RPC subjects, and the runner (resumes running campaigns). */
  start(): Promise<void>;
  /** Stops the runner (the current page finishes), the subscription and the RPC; adapters belong to the caller. */
  stop(): Promise<void>;
}

/** Bulk campaigns of config, on the adapters the caller gives (main.ts or the embedded process). */
export function createCampaigns(deps: CampaignsDependencies): Campaigns {
  const { bus, rpc, store, logger, config } = deps;
  const campaigns = new CampaignRepository(store);
  const ledger = new CampaignLedger(store);
  const enumerator = new TargetEnumerator(campaigns, ledger, rpc, config.campaignPageSize);
  const dispatcher = new JobDispatcher({ bus, rpc, ledger, planCommands: deps.planCommands, settings: config, logger });
  const runner = new CampaignRunner({
    campaigns,
    ledger,
    leases: new CampaignLeases(store, { leaseMs: config.campaignLeaseMs }),
    enumerator,
    dispatcher,
    pageSize: config.campaignPageSize,
    tickMs: config.campaignTickMs,
    logger,
  });
  const service = new CampaignService(campaigns, ledger, runner);
  const recorder = new CompletionRecorder({ bus, campaigns, ledger, logger });
  let subscription: Subscription | undefined;
  let registrations: RpcRegistration[] = [];
  return {
    router: createCampaignsRouter(service, deps.auth),
    service,
    async start() {
      await Promise.all([campaigns.ensureIndexes(), ledger.ensureIndexes()]);
      subscription = await subscribeToCompletions(bus, config.campaignGroup, recorder);
      registrations = await serveCampaignRpc(rpc, service, logger);
      runner.start();
    },
    async stop() {
      await runner.stop();
      const closing = [...registrations, ...(subscription ? [subscription] : [])];
      registrations = [];
      subscription = undefined;
      await Promise.all(closing.map((c) => c.close()));
    },
  };
}
