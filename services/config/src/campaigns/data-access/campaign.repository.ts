import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { CampaignRecord, CampaignState } from '../domain/campaign.model';

/** Explicit device lists, stored in chunks so that enumeration reads one chunk at a time. */
export interface ListChunk {
  _id: string;
  campaignId: string;
  index: number;
  devices: { deviceId?: string; msisdn?: string }[];
}

export const LIST_CHUNK = 1000;

/** Campaign definitions and their lifecycle/cursors (collection config_campaigns), few and small. */
export class CampaignRepository {
  private readonly campaigns: DocumentCollection<CampaignRecord>;
  private readonly lists: DocumentCollection<ListChunk>;

  constructor(store: DocumentStore) {
    this.campaigns = store.collection<CampaignRecord>('config_campaigns');
    this.lists = store.collection<ListChunk>('config_campaign_lists');
  }

  async ensureIndexes(): Promise<void> {
    await this.campaigns.ensureIndex({ fields: { state: 1 }, name: 'by_state' });
  }

  async create(record: CampaignRecord, devices?: ListChunk['devices']): Promise<void> {
    // Chunks first: a campaign document is only visible once its list is complete.
    for (let i = 0; devices !== undefined && i * LIST_CHUNK < devices.length; i++)
      await this.lists.put({
        _id: `${record._id}|${i}`,
        campaignId: record._id,
        index: i,
        devices: devices.slice(i * LIST_CHUNK, (i + 1) * LIST_CHUNK),
      });
    await this.campaigns.insert(record);
  }

  async get(id: string): Promise<CampaignRecord | undefined> {
    return (await this.campaigns.get(id)) ?? undefined;
  }

  listChunk(id: string, index: number): Promise<ListChunk | null> {
    return this.lists.get(`${id}|${index}`);
  }

  /** Newest id first is not portable; ids carry their creation time, so _id order is creation order. */
  page(filter: { state?: CampaignState; after?: string }, limit: number): Promise<CampaignRecord[]> {
    const where: Record<string, Filter[string]> = {};
    if (filter.state) where['state'] = filter.state;
    if (filter.after) where['_id'] = { $gt: filter.after };
    return this.campaigns.find(where, { limit });
  }

  /** Campaigns a runner has work in: running ones, and cancelled ones not yet drained. */
  async active(): Promise<CampaignRecord[]> {
    const [running, cancelled] = await Promise.all([
      this.campaigns.find({ state: 'running' }, { limit: 1000 }),
      this.campaigns.find({ state: 'cancelled', 'dispatch.drained': false }, { limit: 1000 }),
    ]);
    return [...running, ...cancelled];
  }

  /** Conditional on the state read (FerretDB has no transactions; the where clause is the guard). */
  transition(id: string, from: readonly CampaignState[], set: Record<string, unknown>): Promise<boolean> {
    return this.campaigns.update(id, { $set: { ...set, updatedAt: new Date().toISOString() } }, {
      where: { state: { $in: [...from] } },
    });
  }

  async update(id: string, update: Update): Promise<void> {
    await this.campaigns.update(id, update);
  }
}
