import type { DiagnosticReport, ExpectedSettings, Finding, ReportCompleted } from '@dms/contracts';

/** What a Get answered for one node, as kept on the report while the run goes on. */
export interface NodeReading {
  uri: string;
  /** SyncML status the handset answered (200, 404 not found, 405 not allowed, 406 not supported...). */
  status: number;
  data?: string;
  format?: string;
}

/**
 * `full`: identity, settings and inventory in one job (the family is known up front);
 * `identity`: DevInfo/DevDetail only, the family is learnt from Man/Mod (or the run is
 * identity-only, for an IMEISV change); `settings`: the second job once config knows the family;
 * `instances`: the leaves of the handset's own setting instances its collections listed
 * (a factory-configured handset), read after the job that listed them.
 */
export type JobPhase = 'full' | 'identity' | 'settings' | 'instances';

/** `identity-only`: a software-version change re-reads DevInfo/DevDetail (firmware check), not the settings. */
export type RunMode = 'full' | 'identity-only';

/** How read-diagnostics consent stood when the run started; `ask`: the job carries a 1101 alert. */
export type RunConsent = 'granted' | 'ask' | 'implied' | 'revoked' | 'unknown-subscriber';

export type ReportTrigger = ReportCompleted['trigger'];

/** The report document (collection `diagnostic_reports`, `_id` = reportId). */
export interface StoredReport {
  _id: string;
  reportId: string;
  deviceId: string;
  msisdn?: string;
  imei?: string;
  trigger: ReportTrigger;
  requestedBy: string;
  startedAt: string;
  status: 'running' | 'completed';
  mode: RunMode;
  consent: RunConsent;
  /** The job in flight; a dm.command-completed of any other job id is not (or no longer) ours to apply. */
  phase?: JobPhase;
  pendingJobId?: string;
  /** Jobs of this run whose session broke off (outcome interrupted) and were sent again. */
  retries?: number;
  /** Catalog data of the TAC (subscriber-terminal), for the family lookup and the firmware check. */
  catalogManufacturer?: string;
  catalogModel?: string;
  latestFwV?: string;
  expected?: ExpectedSettings;
  readings: NodeReading[];
  /** Why a run is partial although every job answered (family unknown, config silent). */
  notes: string[];
  outcome?: ReportCompleted['outcome'];
  findings: Finding[];
  device?: ReportCompleted['device'];
  completedAt?: string;
  /** Set once diagnostics.report-completed.v1 is on the bus; a redelivery re-publishes (same event id) until then. */
  published: boolean;
}

/** The API view of a stored report (internal bookkeeping left out). */
export function reportView(stored: StoredReport): DiagnosticReport {
  return {
    reportId: stored.reportId,
    deviceId: stored.deviceId,
    ...(stored.msisdn === undefined ? {} : { msisdn: stored.msisdn }),
    ...(stored.imei === undefined ? {} : { imei: stored.imei }),
    trigger: stored.trigger,
    ...(stored.outcome === undefined ? {} : { outcome: stored.outcome }),
    findings: stored.findings,
    ...(stored.device === undefined ? {} : { device: stored.device }),
    correlationId: stored.reportId,
    ...(stored.completedAt === undefined ? {} : { completedAt: stored.completedAt }),
    status: stored.status,
    requestedBy: stored.requestedBy,
    startedAt: stored.startedAt,
  };
}

/** The event payload; only for a completed report. */
export function reportCompletedEvent(stored: StoredReport): ReportCompleted {
  const view = reportView(stored);
  return {
    ...view,
    outcome: stored.outcome ?? 'partial',
    completedAt: stored.completedAt ?? stored.startedAt,
  } as ReportCompleted;
}
