import type { Rpc, RpcRegistration } from '@dms/bus';
import type { CampaignSummary } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import { CampaignNotFoundError } from '../domain/campaign.errors';
import type { CampaignService } from '../domain/campaign.service';

async function summary(service: CampaignService, id: string): Promise<CampaignSummary> {
  const campaign = await service.get(id);
  return {
    id: campaign.id,
    name: campaign.name,
    state: campaign.state,
    counts: campaign.progress.counts,
    eta: campaign.progress.eta,
  };
}

/** The console's RPC face of campaigns; an unknown id reads null on get, fails the control step. */
export async function serveCampaignRpc(rpc: Rpc, service: CampaignService, logger: Logger): Promise<RpcRegistration[]> {
  return [
    await rpc.serve({
      subject: 'config.campaign-get.v1',
      handler: async ({ id }) => {
        try {
          return { campaign: await summary(service, id) };
        } catch (error) {
          if (error instanceof CampaignNotFoundError) return { campaign: null };
          throw error;
        }
      },
    }),
    await rpc.serve({
      subject: 'config.campaign-control.v1',
      handler: async ({ id, action, requestedBy }) => {
        await service.control(id, action);
        logger.info({ campaignId: id, action, requestedBy }, 'campaign step over RPC');
        return { campaign: await summary(service, id) };
      },
    }),
  ];
}
