import type { Rpc } from '@dms/bus';
import { deviceIdOfImei, imeiOfDeviceId, tacOf } from '@dms/contracts';
import { LIST_CHUNK, type CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { targetId, type TargetRecord } from '../data-access/campaign-ledger.records';
import type { CampaignRecord } from './campaign.model';
import { firmwareBelow } from './firmware-version';
import { mapLimited } from './map-limited';

type Page = { targets: Omit<TargetRecord, '_id' | 'campaignId'>[]; next: string | null };

const LOOKUP_CONCURRENCY = 32;

/**
 * Writes the campaign's targets one page at a time: read a page of the group, insert one
 * target document per device (insert-once, so a page read again after a restart adds
 * nothing), then persist the cursor. Only one page is ever in memory.
 */
export class TargetEnumerator {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly ledger: CampaignLedger,
    private readonly rpc: Rpc,
    private readonly pageSize: number,
  ) {}

  /** One page; false once the group is exhausted. */
  async step(campaign: CampaignRecord): Promise<boolean> {
    if (campaign.enumeration.done) return false;
    const page = campaign.target.kind === 'query' ? await this.queryPage(campaign) : await this.listPage(campaign);
    const inserted = await Promise.all(
      page.targets.map((t) => this.ledger.targets.insert({ _id: targetId(campaign._id, t.key), campaignId: campaign._id, ...t })),
    );
    const last = page.targets[page.targets.length - 1];
    await this.campaigns.update(campaign._id, {
      $set: {
        'enumeration.cursor': page.next,
        'enumeration.done': page.next === null,
        ...(last === undefined ? {} : { 'enumeration.frontier': last.key }),
      },
      $inc: { 'enumeration.enumerated': inserted.filter(Boolean).length },
    });
    return page.next !== null;
  }

  /** subscriber-terminal.query.v1 pages in MSISDN order, so the MSISDN is a key in enumeration order. */
  private async queryPage(campaign: CampaignRecord): Promise<Page> {
    if (campaign.target.kind !== 'query') return { targets: [], next: null };
    const { criteria, fwVBelow } = campaign.target;
    const cursor = campaign.enumeration.cursor;
    const answer = await this.rpc.request('subscriber-terminal.query.v1', {
      criteria: { ...criteria, limit: String(this.pageSize), ...(cursor === null ? {} : { cursor }) },
    });
    const targets: Page['targets'] = [];
    for (const item of answer.items) {
      const terminal = item.terminal;
      if (fwVBelow !== undefined && !firmwareBelow(terminal?.fwV, fwVBelow)) continue;
      if (terminal === null) {
        targets.push({ key: item.msisdn, msisdn: item.msisdn, skip: 'no-terminal' });
        continue;
      }
      targets.push({
        key: item.msisdn,
        msisdn: item.msisdn,
        deviceId: deviceIdOfImei(terminal.imei),
        tac: terminal.tac,
        ...(terminal.manufacturer === undefined ? {} : { manufacturer: terminal.manufacturer }),
        ...(terminal.model === undefined ? {} : { model: terminal.model }),
      });
    }
    return { targets, next: answer.nextCursor };
  }

  /** An explicit list: one stored chunk per page; a bare MSISDN is resolved to its current handset. */
  private async listPage(campaign: CampaignRecord): Promise<Page> {
    const index = Number(campaign.enumeration.cursor ?? '0');
    const chunk = await this.campaigns.listChunk(campaign._id, index);
    if (chunk === null) return { targets: [], next: null };
    const size = campaign.target.kind === 'list' ? campaign.target.size : 0;
    const next = (index + 1) * LIST_CHUNK < size ? String(index + 1) : null;
    const targets = await mapLimited(chunk.devices, LOOKUP_CONCURRENCY, async (entry, i) => {
      const key = `L${String(index * LIST_CHUNK + i).padStart(7, '0')}`;
      const msisdn = entry.msisdn === undefined ? {} : { msisdn: entry.msisdn };
      if (entry.deviceId !== undefined) {
        const imei = imeiOfDeviceId(entry.deviceId);
        return { key, deviceId: entry.deviceId, ...msisdn, ...(imei === undefined ? {} : { tac: tacOf(imei) }) };
      }
      const { subscriber } = await this.rpc.request('subscriber-terminal.get-subscriber.v1', { msisdn: entry.msisdn! });
      const terminal = subscriber?.terminal;
      if (!terminal) return { key, ...msisdn, skip: 'no-terminal' as const };
      return {
        key,
        ...msisdn,
        deviceId: deviceIdOfImei(terminal.imei),
        tac: terminal.tac,
        ...(terminal.manufacturer === undefined ? {} : { manufacturer: terminal.manufacturer }),
        ...(terminal.model === undefined ? {} : { model: terminal.model }),
      };
    });
    return { targets, next };
  }
}
