import type { Logger } from '@dms/service-kit';
import type { AssociationRepository } from '../data-access/association.repository';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import { pseudonym } from './anonymiser';
import type { SubscriberUpdateAnnouncer } from './subscriber-update.announcer';

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
 * stays flat whatever the table size). Each removed subscriber is announced as detached
 * (the event catalog has no removal fact yet) before it is deleted, and its history is
 * anonymised or dropped first, so a crash leaves it for the next run, never orphaned.
 */
export class CleanupService {
  private running: Promise<CleanupReport> | undefined;

  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly terminals: TerminalRepository,
    private readonly associations: AssociationRepository,
    private readonly announcer: SubscriberUpdateAnnouncer,
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
          'terminal-detached',
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
      for (const terminal of batch) if (await this.terminals.delete(terminal.imei)) report.terminalsRemoved++;
    this.logger.info({ ...report }, 'clean-up finished');
    return report;
  }
}
