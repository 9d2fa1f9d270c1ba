import { imeiOfDeviceId, type InventoryReported } from '@dms/contracts';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import { snapshotOf } from './combination.service';
import { imeiKey, tacOfImei } from './imei';
import type { SubscriberUpdateAnnouncer } from './subscriber-update.announcer';
import type { DmCapabilities, TerminalRecord } from './subscriber-terminal.model';
import type { TerminalCatalogService } from './terminal-catalog.service';

export type InventoryOutcome = 'updated' | 'unchanged' | 'not-an-imei';

/**
 * Applies device.inventory-reported.v1: what the handset says about itself (DevInfo Man/Mod,
 * DevDetail versions) wins over the catalog for that terminal, teaches the catalog its TAC,
 * and is copied to the subscribers using the handset.
 */
export class InventoryService {
  constructor(
    private readonly terminals: TerminalRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly catalog: TerminalCatalogService,
    private readonly announcer: SubscriberUpdateAnnouncer,
  ) {}

  async apply(eventId: string, event: InventoryReported, correlationId?: string): Promise<InventoryOutcome> {
    const given = event.imei ?? imeiOfDeviceId(event.deviceId);
    if (given === undefined) return 'not-an-imei';
    const imei = imeiKey(given);
    const tac = tacOfImei(imei);
    const { devInfo, devDetail } = event;
    const dm: DmCapabilities = {
      dmVersion: devInfo.dmV,
      ...pick(devDetail, ['devTyp', 'lrgObj', 'maxDepth', 'maxTotLen', 'maxSegLen']),
    };
    const fields: Partial<TerminalRecord> = {
      manufacturer: devInfo.man,
      model: devInfo.mod,
      ...pick(devDetail, ['fwV', 'swV', 'hwV']),
      dm,
      inventoryAt: event.reportedAt,
    };
    const existing = await this.terminals.get(imei);
    if (
      existing !== null &&
      existing.inventoryAt !== undefined &&
      Date.parse(existing.inventoryAt) >= Date.parse(event.reportedAt)
    )
      return 'unchanged';
    // Only the first report of a handset teaches the catalog, so one chatty handset is one vote.
    if (existing?.inventoryAt === undefined) await this.catalog.learn(tac, devInfo.man, devInfo.mod);
    let terminal: TerminalRecord;
    if (existing === null) {
      terminal = { _id: imei, imei, givenImei: given, tac, lastSeenAt: event.reportedAt, ...fields };
      if (!(await this.terminals.insert(terminal))) await this.terminals.update(imei, { $set: fields });
    } else {
      await this.terminals.update(imei, { $set: fields });
      terminal = { ...existing, ...fields };
    }
    for (const subscriber of await this.subscribers.usingTerminal(imei)) {
      const id = `${eventId}:${subscriber.msisdn}:identified`;
      const change = {
        terminal: snapshotOf(terminal),
        updatedAt: new Date().toISOString(),
        pendingAnnouncement: id,
      };
      await this.subscribers.update(subscriber.msisdn, { $set: change });
      await this.announcer.announce(
        { ...subscriber, ...change },
        terminal,
        'terminal-identified',
        id,
        correlationId,
      );
    }
    return 'updated';
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
