import type { CombinationDetected } from '@dms/contracts';
import { withTimeout, type Logger } from '@dms/service-kit';
import type { AssociationRepository } from '../data-access/association.repository';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import { decideAssociation, type AssociationDecision } from './association.decision';
import { imeiKey } from './imei';
import type { SubscriberUpdateAnnouncer } from './subscriber-update.announcer';
import type { SubscriptionDirectory } from './subscription-directory.port';
import type {
  EligibilityOrUnknown,
  SubscriberRecord,
  TerminalRecord,
  TerminalSnapshot,
} from './subscriber-terminal.model';
import type { TerminalCatalogService } from './terminal-catalog.service';

export interface CombinationServiceDeps {
  subscribers: SubscriberRepository;
  terminals: TerminalRepository;
  associations: AssociationRepository;
  catalog: TerminalCatalogService;
  announcer: SubscriberUpdateAnnouncer;
  directory: SubscriptionDirectory;
  /** Tenants known from subscription.changed.v1, for subscribers seen before their subscription event. */
  tenants: { tenantOf(msisdn: string): Promise<string | undefined> };
  /** Upper bound on waiting for the directory inside detection handling. */
  directoryTimeoutMs: number;
  logger: Logger;
}

/**
 * Applies terminal.combination-detected.v1. FerretDB has no multi-document transactions,
 * so the writes go in an order where every prefix is safe to redo: terminal, history entry
 * (keyed by the event id), closing the previous entry, then the subscriber (which marks the
 * announcement owed), then the announcement.
 */
export class CombinationService {
  constructor(private readonly deps: CombinationServiceDeps) {}

  async apply(
    eventId: string,
    event: CombinationDetected,
    correlationId?: string,
  ): Promise<AssociationDecision> {
    const { subscribers, associations } = this.deps;
    const imei = imeiKey(event.imei);
    const [subscriber, entry] = await Promise.all([subscribers.get(event.msisdn), associations.get(eventId)]);
    const decision = decideAssociation({ eventId, imei, observedAt: event.observedAt }, subscriber, entry);
    const announcementId = `${eventId}:subscriber-updated`;
    if (decision === 'stale') return decision;
    if (decision === 'resume' || decision === 'same-terminal') {
      const { terminal, imeisvChanged } = await this.touchTerminal(event, imei);
      const identifiedId =
        decision === 'same-terminal' && imeisvChanged ? `${announcementId}:identified` : undefined;
      const touched = await this.touchSubscriber(
        subscriber as SubscriberRecord,
        event,
        terminal,
        identifiedId,
      );
      if (touched.pendingAnnouncement !== undefined)
        await this.deps.announcer.announce(
          touched,
          terminal,
          touched.pendingAnnouncement.endsWith(':identified') ? 'terminal-identified' : 'terminal-attached',
          touched.pendingAnnouncement,
          correlationId,
        );
      return decision;
    }
    const { terminal } = await this.touchTerminal(event, imei);
    await associations.open({
      _id: eventId,
      msisdn: event.msisdn,
      imsi: event.imsi,
      imei,
      from: event.observedAt,
      to: null,
      sourceEventId: eventId,
    });
    await associations.closeOthers(event.msisdn, eventId, event.observedAt);
    const [eligibility, tenantId] = await Promise.all([
      this.eligibility(event.msisdn),
      subscriber?.tenantId === undefined ? this.deps.tenants.tenantOf(event.msisdn) : undefined,
    ]);
    const now = new Date().toISOString();
    const fields = {
      imsi: event.imsi,
      terminal: snapshotOf(terminal),
      currentAssociationId: eventId,
      currentSince: event.observedAt,
      lastSeenAt: maxTime(subscriber?.lastSeenAt, event.observedAt),
      updatedAt: now,
      pendingAnnouncement: announcementId,
      ...(eligibility === 'unknown' ? {} : { eligibility }),
      ...(tenantId === undefined ? {} : { tenantId }),
    };
    let stored: SubscriberRecord;
    if (subscriber === null) {
      stored = {
        _id: event.msisdn,
        msisdn: event.msisdn,
        attributes: {},
        eligibility: 'unknown',
        createdAt: now,
        ...fields,
      };
      if (!(await subscribers.insert(stored))) await subscribers.update(event.msisdn, { $set: fields });
    } else {
      await subscribers.update(event.msisdn, { $set: fields });
      stored = { ...subscriber, ...fields };
    }
    await this.deps.announcer.announce(stored, terminal, 'terminal-attached', announcementId, correlationId);
    return decision;
  }

  /** The directory is asked with a bound: a slow subscription database never holds detection up. */
  private async eligibility(msisdn: string): Promise<EligibilityOrUnknown> {
    try {
      return await withTimeout(
        this.deps.directory.eligibility(msisdn),
        this.deps.directoryTimeoutMs,
        'subscription directory',
      );
    } catch (err) {
      this.deps.logger.warn(
        { err, msisdn },
        'eligibility unknown: subscription directory did not answer in time',
      );
      return 'unknown';
    }
  }

  private async touchTerminal(
    event: CombinationDetected,
    imei: string,
  ): Promise<{ terminal: TerminalRecord; imeisvChanged: boolean }> {
    const { terminals, catalog } = this.deps;
    const existing = await terminals.get(imei);
    const fields = {
      lastSeenAt: maxTime(existing?.lastSeenAt, event.observedAt),
      currentMsisdn: event.msisdn,
      ...(event.imeisv === undefined ? {} : { imeisv: event.imeisv }),
    };
    if (existing !== null) {
      await terminals.update(imei, { $set: fields });
      return {
        terminal: { ...existing, ...fields },
        imeisvChanged: event.imeisv !== undefined && event.imeisv !== existing.imeisv,
      };
    }
    const known = await catalog.byTac(event.tac);
    const created: TerminalRecord = {
      _id: imei,
      imei,
      givenImei: event.imei,
      tac: event.tac,
      ...(known === null
        ? {}
        : {
            manufacturer: known.manufacturer,
            model: known.model,
            ...(known.os === undefined ? {} : { os: known.os }),
          }),
      ...fields,
    };
    if (!(await terminals.insert(created))) await terminals.update(imei, { $set: fields });
    return { terminal: created, imeisvChanged: false };
  }

  /** A duplicate or an IMEISV-only change: last seen, IMSI and software version move on; no history. */
  private async touchSubscriber(
    subscriber: SubscriberRecord,
    event: CombinationDetected,
    terminal: TerminalRecord,
    identifiedId?: string,
  ): Promise<SubscriberRecord> {
    const fields = {
      imsi: event.imsi,
      lastSeenAt: maxTime(subscriber.lastSeenAt, event.observedAt),
      ...(identifiedId === undefined
        ? {}
        : {
            updatedAt: new Date().toISOString(),
            terminal: snapshotOf(terminal),
            pendingAnnouncement: identifiedId,
          }),
    };
    await this.deps.subscribers.update(subscriber.msisdn, { $set: fields });
    return { ...subscriber, ...fields };
  }
}

export function snapshotOf(terminal: TerminalRecord): TerminalSnapshot {
  return {
    imei: terminal.imei,
    tac: terminal.tac,
    ...(terminal.manufacturer === undefined ? {} : { manufacturer: terminal.manufacturer }),
    ...(terminal.model === undefined ? {} : { model: terminal.model }),
    ...(terminal.os === undefined ? {} : { os: terminal.os }),
    ...(terminal.fwV === undefined ? {} : { fwV: terminal.fwV }),
  };
}

function maxTime(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) > Date.parse(b) ? a : b;
}
