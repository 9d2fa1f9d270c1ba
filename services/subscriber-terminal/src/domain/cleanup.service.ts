import type { EventBus } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { AssociationRepository } from '../data-access/association.repository';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import { pseudonym } from './anonymiser';
import type { TerminalRecord } from './subscriber-terminal.model';
import type { SubscriberUpdateAnnouncer } from './subscriber-update.announcer';

export const TERMINAL_REMOVED_TOPIC = 'terminal.terminal-removed.v1' as const;

export interface CleanupSettings {
  retentionDays: number;
  history: 'anonymise' | 'drop';
  salt?: string;
}

export interface CleanupReport {
  cutoff: string;
  subscribersRemoved: number;
  terminalsRemoved: number;
  historyEntries: number;
}

const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Removes subscribers and terminals not seen for `retentionDays`, batch by batch (memory
 * stays flat whatever the table size). Each removed subscriber is announced
 * (terminal.subscriber-updated.v1, change `subscriber-removed`) and each removed terminal
 * (terminal.terminal-removed.v1) before it is deleted, under an id derived from what is
 * removed and its last sighting: a crash between the announcement and the delete leaves
 * the record for the next run, which announces it again under the same id (consumers
 * deduplicate). A subscriber's history is anonymised or dropped first, never orphaned.
 */
export class CleanupService {
  private running: Promise<CleanupReport> | undefined;

  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly terminals: TerminalRepository,
    private readonly associations: AssociationRepository,
    private readonly announcer: SubscriberUpdateAnnouncer,
    private readonly bus: EventBus,
    private readonly settings: CleanupSettings,
    private readonly logger: Logger,
  ) {}

  /** One run at a time: a second caller gets the run in progress. */
  run(now: Date = new Date()): Promise<CleanupReport> {
    this.running ??= this.sweep(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(now: Date): Promise<CleanupReport> {
    const cutoff = new Date(now.getTime() - this.settings.retentionDays * DAY_MS).toISOString();
    const report: CleanupReport = { cutoff, subscribersRemoved: 0, terminalsRemoved: 0, historyEntries: 0 };
    const salt = this.settings.salt ?? '';
    for (
      let batch = await this.subscribers.notSeenSince(cutoff, BATCH);
      batch.length > 0;
      batch = await this.subscribers.notSeenSince(cutoff, BATCH)
    ) {
      for (const subscriber of batch) {
        report.historyEntries +=
          this.settings.history === 'drop'
            ? await this.associations.drop(subscriber.msisdn)
            : await this.associations.anonymise(subscriber.msisdn, (value) => pseudonym(salt, value));
        const id = `cleanup:${subscriber.msisdn}:${subscriber.lastSeenAt}`;
        await this.announcer.announce(
          { ...subscriber, updatedAt: now.toISOString() },
          null,
          'subscriber-removed',
          id,
        );
        if (await this.subscribers.delete(subscriber.msisdn)) report.subscribersRemoved++;
      }
    }
    for (
      let batch = await this.terminals.notSeenSince(cutoff, BATCH);
      batch.length > 0;
      batch = await this.terminals.notSeenSince(cutoff, BATCH)
    )
      for (const terminal of batch) {
        await this.announceRemoval(terminal, now);
        if (await this.terminals.delete(terminal.imei)) report.terminalsRemoved++;
      }
    this.logger.info({ ...report }, 'clean-up finished');
    return report;
  }

  private async announceRemoval(terminal: TerminalRecord, now: Date): Promise<void> {
    await this.bus.publish(
      TERMINAL_REMOVED_TOPIC,
      {
        imei: terminal.imei,
        tac: terminal.tac,
        lastSeenAt: terminal.lastSeenAt,
        reason: 'not-seen',
        removedAt: now.toISOString(),
      },
      { id: `cleanup-terminal:${terminal.imei}:${terminal.lastSeenAt}`, key: terminal.imei },
    );
  }
}
