import type { AssociationRepository } from '../data-access/association.repository';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { TerminalRepository } from '../data-access/terminal.repository';
import { imeiKey } from './imei';
import { DEFAULT_PAGE_SIZE, encodeCursor, subscriberFilter, type SubscriberQuery } from './subscriber-query';
import { ATTRIBUTE_NAME } from './subscriber-query';
import {
  InvalidRequestError,
  SubscriberNotFoundError,
  TerminalNotFoundError,
} from './subscriber-terminal.errors';
import type {
  AssociationRecord,
  CatalogEntry,
  EligibilityOrUnknown,
  TerminalRecord,
  TerminalSnapshot,
} from './subscriber-terminal.model';
import type { TerminalCatalogService } from './terminal-catalog.service';
import type { SubscriberUpdateAnnouncer } from './subscriber-update.announcer';
import { randomUUID } from 'node:crypto';

export interface TerminalView extends Omit<TerminalRecord, '_id'> {
  catalog: Omit<CatalogEntry, '_id' | 'reports'> | null;
}

export interface HistoryView {
  imei: string;
  from: string;
  to: string | null;
  sourceEventId: string;
}

export interface SubscriberView {
  msisdn: string;
  imsi: string;
  tenantId?: string;
  attributes: Record<string, string>;
  eligibility: EligibilityOrUnknown;
  lastSeenAt: string;
  terminal: TerminalView | null;
  history: HistoryView[];
}

export interface SubscriberPage {
  items: Array<Omit<SubscriberView, 'history' | 'terminal'> & { terminal: TerminalSnapshot | null }>;
  nextCursor: string | null;
}

const MAX_ATTRIBUTES = 100;

/** What REST and RPC answer: a subscriber with its handset, catalog data and history. */
export class SubscriberLookupService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly terminals: TerminalRepository,
    private readonly associations: AssociationRepository,
    private readonly catalog: TerminalCatalogService,
    private readonly announcer: SubscriberUpdateAnnouncer,
  ) {}

  async subscriber(msisdn: string): Promise<SubscriberView> {
    const record = await this.subscribers.get(msisdn);
    if (record === null) throw new SubscriberNotFoundError(msisdn);
    const [terminal, history] = await Promise.all([
      record.terminal === undefined ? null : this.terminalView(record.terminal.imei).catch(() => null),
      this.associations.ofSubscriber(msisdn),
    ]);
    return {
      msisdn: record.msisdn,
      imsi: record.imsi,
      ...(record.tenantId === undefined ? {} : { tenantId: record.tenantId }),
      attributes: record.attributes,
      eligibility: record.eligibility,
      lastSeenAt: record.lastSeenAt,
      terminal,
      history: history.map(historyView),
    };
  }

  async terminalView(imei: string): Promise<TerminalView> {
    if (!/^\d{14,16}$/.test(imei)) throw new InvalidRequestError('imei must be 14 to 16 digits', { imei });
    const record = await this.terminals.get(imeiKey(imei));
    if (record === null) throw new TerminalNotFoundError(imei);
    const { _id, ...terminal } = record;
    const entry = await this.catalog.byTac(record.tac);
    return { ...terminal, catalog: entry === null ? null : catalogView(entry) };
  }

  async terminalHistory(imei: string): Promise<HistoryView[]> {
    return (await this.associations.ofTerminal(imeiKey(imei))).map(historyView);
  }

  async query(query: SubscriberQuery): Promise<SubscriberPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const records = await this.subscribers.page(subscriberFilter(query), limit + 1);
    const page = records.slice(0, limit);
    return {
      items: page.map((r) => ({
        msisdn: r.msisdn,
        imsi: r.imsi,
        ...(r.tenantId === undefined ? {} : { tenantId: r.tenantId }),
        attributes: r.attributes,
        eligibility: r.eligibility,
        lastSeenAt: r.lastSeenAt,
        terminal: r.terminal === undefined ? null : { ...r.terminal },
      })),
      nextCursor: records.length > limit && page.length > 0 ? encodeCursor(page[page.length - 1]!._id) : null,
    };
  }

  /** Merge-patch of the attributes (RFC 7396 style): a null value deletes the attribute. */
  async patchAttributes(msisdn: string, patch: Record<string, unknown>): Promise<Record<string, string>> {
    const set: Record<string, string> = {};
    const unset: string[] = [];
    for (const [name, value] of Object.entries(patch)) {
      if (!ATTRIBUTE_NAME.test(name)) throw new InvalidRequestError(`invalid attribute name ${name}`);
      if (value === null) unset.push(`attributes.${name}`);
      else if (typeof value === 'string' && value.length <= 1000) set[`attributes.${name}`] = value;
      else
        throw new InvalidRequestError(
          `attribute ${name} must be a string of at most 1000 characters or null`,
        );
    }
    const current = await this.subscribers.get(msisdn);
    if (current === null) throw new SubscriberNotFoundError(msisdn);
    const after = { ...current.attributes };
    for (const [path, value] of Object.entries(set)) after[path.slice(11)] = value;
    for (const path of unset) delete after[path.slice(11)];
    if (Object.keys(after).length > MAX_ATTRIBUTES)
      throw new InvalidRequestError(`at most ${MAX_ATTRIBUTES} attributes per subscriber`);
    const updatedAt = new Date().toISOString();
    const changed = await this.subscribers.update(msisdn, { $set: { ...set, updatedAt }, $unset: unset });
    if (!changed) throw new SubscriberNotFoundError(msisdn);
    await this.announcer.announce(
      { ...current, attributes: after, updatedAt },
      null,
      'attributes-changed',
      randomUUID(),
    );
    return after;
  }

  /**
   * Sets (a string) or removes (null) the subscriber's corporate tenant, as an operator does
   * through REST; announced as attributes-changed carrying the new tenant (or none).
   */
  async setTenant(msisdn: string, tenantId: string | null): Promise<{ tenantId: string | null }> {
    const current = await this.subscribers.get(msisdn);
    if (current === null) throw new SubscriberNotFoundError(msisdn);
    if ((current.tenantId ?? null) === tenantId) return { tenantId };
    const updatedAt = new Date().toISOString();
    const changed = await this.subscribers.update(
      msisdn,
      tenantId === null ? { $set: { updatedAt }, $unset: ['tenantId'] } : { $set: { tenantId, updatedAt } },
    );
    if (!changed) throw new SubscriberNotFoundError(msisdn);
    const { tenantId: _previous, ...rest } = current;
    await this.announcer.announce(
      { ...rest, ...(tenantId === null ? {} : { tenantId }), updatedAt },
      null,
      'attributes-changed',
      randomUUID(),
    );
    return { tenantId };
  }
}

function historyView(entry: AssociationRecord): HistoryView {
  return { imei: entry.imei, from: entry.from, to: entry.to, sourceEventId: entry.sourceEventId };
}

export function catalogView(entry: CatalogEntry): Omit<CatalogEntry, '_id' | 'reports'> {
  const { _id, reports: _reports, ...view } = entry;
  return view;
}
