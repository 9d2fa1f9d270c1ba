import { randomBytes } from 'node:crypto';
import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { CampaignNotFoundError, CampaignStateConflictError } from './campaign.errors';
import { transition, type LifecycleAction } from './campaign-lifecycle';
import { deviceStates, type DevicePage } from './campaign-devices.query';
import type { CampaignRecord, CampaignState, CreateCampaign, DeviceState } from './campaign.model';
import { progressOf, RATE_WINDOW_MS, type CampaignProgress } from './campaign-progress';
import type { CampaignRunner } from './campaign.runner';

export type CampaignView = Omit<CampaignRecord, '_id' | 'enumeration' | 'dispatch'> & { id: string };

const view = ({ _id, enumeration: _e, dispatch: _d, ...rest }: CampaignRecord): CampaignView => ({ id: _id, ...rest });

/** Ids sort by creation time (base-36 milliseconds), then 6 random hex digits. */
function newCampaignId(): string {
  return `cmp-${Date.now().toString(36).padStart(9, '0')}${randomBytes(3).toString('hex')}`;
}

/** What REST and RPC do with campaigns. */
export class CampaignService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly ledger: CampaignLedger,
    private readonly runner: CampaignRunner,
  ) {}

  async create(request: CreateCampaign): Promise<CampaignView> {
    const now = new Date().toISOString();
    const id = newCampaignId();
    const { target, ...rest } = request;
    let devices: { deviceId?: string; msisdn?: string }[] | undefined;
    if (target.kind === 'list') {
      const seen = new Set<string>();
      devices = target.devices.filter((d) => {
        const key = d.deviceId ?? `msisdn:${d.msisdn}`;
        return !seen.has(key) && seen.add(key) !== undefined;
      });
    }
    const record: CampaignRecord = {
      _id: id,
      ...rest,
      target: target.kind === 'list' ? { kind: 'list', size: devices!.length } : target,
      state: 'draft',
      createdAt: now,
      updatedAt: now,
      enumeration: { cursor: null, done: false, frontier: null, enumerated: 0 },
      dispatch: { cursor: null, drained: false },
    };
    await this.campaigns.create(record, devices);
    return view(record);
  }

  async get(id: string): Promise<CampaignView & { progress: CampaignProgress }> {
    const campaign = await this.record(id);
    const now = Date.now();
    const counts = await this.ledger.counts(id, new Date(now - RATE_WINDOW_MS).toISOString());
    return { ...view(campaign), progress: progressOf(campaign, counts, now) };
  }

  async list(options: { state?: CampaignState; cursor?: string; limit: number }): Promise<{ items: CampaignView[]; nextCursor: string | null }> {
    const page = await this.campaigns.page(
      { ...(options.state ? { state: options.state } : {}), ...(options.cursor ? { after: options.cursor } : {}) },
      options.limit,
    );
    const last = page[page.length - 1];
    return { items: page.map(view), nextCursor: page.length === options.limit && last ? last._id : null };
  }

  async control(id: string, action: LifecycleAction): Promise<CampaignView> {
    await this.record(id);
    const t = transition(action);
    const now = new Date().toISOString();
    const set: Record<string, unknown> = { state: t.to };
    if (action === 'start') set['startedAt'] = now;
    if (action === 'cancel') Object.assign(set, { stopReason: 'cancelled', 'enumeration.done': true });
    // Conditional on the states the step leaves from: a concurrent step makes this one a 409.
    if (!(await this.campaigns.transition(id, t.from, set))) throw new CampaignStateConflictError(id, (await this.record(id)).state, action);
    if (action === 'pause' || action === 'cancel') this.runner.halt(id);
    if (action !== 'pause') this.runner.wake(id);
    return view(await this.record(id));
  }

  async devices(id: string, options: { state?: DeviceState; cursor?: string; limit: number }): Promise<DevicePage> {
    return deviceStates(this.ledger, await this.record(id), options);
  }

  private async record(id: string): Promise<CampaignRecord> {
    const campaign = await this.campaigns.get(id);
    if (campaign === undefined) throw new CampaignNotFoundError(id);
    return campaign;
  }
}
