import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import type { CatalogEntry } from './subscriber-terminal.model';

export type CatalogNames = Pick<CatalogEntry, 'tac' | 'manufacturer' | 'model' | 'os'>;

/**
 * Terminals get manufacturer/model/OS from the catalog when first seen, and subscribers a
 * copy of them (the snapshot that bulk targeting queries), so a catalog change (CSV import,
 * or a learned TAC whose verdict moved) is carried to every terminal of that TAC that has
 * not reported its own DevInfo (a handset's own report wins over the catalog), and to the
 * subscribers using those terminals. Idempotent: a terminal already showing the names is
 * skipped, so an interrupted run is completed by the next change or import of the TAC.
 */
export class CatalogPropagation {
  constructor(
    private readonly terminals: TerminalRepository,
    private readonly subscribers: SubscriberRepository,
  ) {}

  /** Answers the number of terminals changed. */
  async apply(entry: CatalogNames): Promise<number> {
    let changed = 0;
    for await (const terminal of this.terminals.catalogued(entry.tac)) {
      if (
        terminal.manufacturer === entry.manufacturer &&
        terminal.model === entry.model &&
        terminal.os === entry.os
      )
        continue;
      const names = { manufacturer: entry.manufacturer, model: entry.model };
      const osUpdate = entry.os === undefined ? { $unset: ['os'] } : {};
      await this.terminals.update(terminal.imei, {
        $set: { ...names, ...(entry.os === undefined ? {} : { os: entry.os }) },
        ...osUpdate,
      });
      for (const subscriber of await this.subscribers.usingTerminal(terminal.imei)) {
        await this.subscribers.update(
          subscriber.msisdn,
          {
            $set: {
              'terminal.manufacturer': entry.manufacturer,
              'terminal.model': entry.model,
              ...(entry.os === undefined ? {} : { 'terminal.os': entry.os }),
            },
            ...(entry.os === undefined ? { $unset: ['terminal.os'] } : {}),
          },
          // Only while it still uses this handset (a detection may have moved it meanwhile).
          { 'terminal.imei': terminal.imei },
        );
      }
      changed++;
    }
    return changed;
  }
}
