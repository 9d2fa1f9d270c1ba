/**
 * What subscriber-terminal stores. Documents are keyed by the natural identity: a
 * subscriber by MSISDN, a terminal by its 14-digit IMEI (TAC + SNR, without the Luhn
 * digit or the software version), a catalog entry by TAC.
 */

/** What the subscription database says the subscriber may use (data, MMS, ...). */
export interface Eligibility {
  readonly data: boolean;
  readonly mms: boolean;
  /** Further services by name (`wap`, `email`, `volte`), as the source reports them. */
  readonly services?: Readonly<Record<string, boolean>>;
  readonly plan?: string;
  /** Which directory answered (`http`, `mirror`). */
  readonly source: string;
  readonly checkedAt: string;
}

export type EligibilityOrUnknown = Eligibility | 'unknown';

/** The handset fields copied onto the subscriber so that bulk targeting is one indexed query. */
export interface TerminalSnapshot {
  imei: string;
  tac: string;
  manufacturer?: string;
  model?: string;
  os?: string;
  fwV?: string;
}

export interface SubscriberRecord {
  _id: string;
  msisdn: string;
  imsi: string;
  attributes: Record<string, string>;
  eligibility: EligibilityOrUnknown;
  tenantId?: string;
  lastSeenAt: string;
  createdAt: string;
  updatedAt: string;
  terminal?: TerminalSnapshot;
  /** Id of the open history entry (the current association). */
  currentAssociationId?: string;
  currentSince?: string;
  /** Id of the subscriber-updated event owed for the last change; cleared once published (outbox). */
  pendingAnnouncement?: string;
}

export interface DmCapabilities {
  dmVersion?: string;
  devTyp?: string;
  lrgObj?: boolean;
  maxDepth?: number;
  maxTotLen?: number;
  maxSegLen?: number;
}

export interface TerminalRecord {
  _id: string;
  /** 14 digits: TAC + serial number. */
  imei: string;
  /** The form it was first given in (15 digits with Luhn, or 14). */
  givenImei: string;
  imeisv?: string;
  tac: string;
  manufacturer?: string;
  model?: string;
  os?: string;
  fwV?: string;
  swV?: string;
  hwV?: string;
  dm?: DmCapabilities;
  currentMsisdn?: string;
  lastSeenAt: string;
  inventoryAt?: string;
}

/** One period during which a subscriber used a handset. `to` is null while it lasts. */
export interface AssociationRecord {
  _id: string;
  msisdn: string;
  imsi: string;
  imei: string;
  from: string;
  to: string | null;
  sourceEventId: string;
  anonymised?: boolean;
}

export type CatalogOrigin = 'imported' | 'learned';

/** What handsets reported for a TAC: one per distinct manufacturer/model pair. */
export interface ReportedModel {
  manufacturer: string;
  model: string;
  count: number;
}

export interface CatalogEntry {
  _id: string;
  tac: string;
  manufacturer: string;
  model: string;
  os?: string;
  /** Further CSV columns (band, year, ...), kept as given. */
  extra?: Record<string, string>;
  origin: CatalogOrigin;
  /** Reports agreeing with manufacturer/model. */
  confidence: number;
  /** Reports naming another manufacturer/model. */
  conflicts: number;
  reports?: Record<string, ReportedModel>;
  updatedAt: string;
}
