import { z } from 'zod';
import { ConsentCategory, ConsentState } from '../consent.schema';
import { ReportCompleted } from '../events/report-completed.event';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** One category's consent as diagnostics stores it. */
export const ConsentGrant = z.object({
  msisdn: Msisdn,
  category: ConsentCategory,
  state: ConsentState,
  /** For a temporary grant: when it lapses (then the state reads `not-asked`). */
  until: Timestamp.optional(),
  /** `subscriber`, `handset` (answered a confirmation alert), `console:<user>`, `api`. */
  decidedBy: z.string().min(1).max(200),
  updatedAt: Timestamp,
});
export type ConsentGrant = z.infer<typeof ConsentGrant>;

/** A stored diagnostic report: the event payload plus where it stands (no outcome while running). */
export const DiagnosticReport = ReportCompleted.extend({
  outcome: ReportCompleted.shape.outcome.optional(),
  status: z.enum(['running', 'completed']),
  requestedBy: z.string().max(200),
  startedAt: Timestamp,
  completedAt: Timestamp.optional(),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

/** RPC subjects of diagnostics, spread into `rpcCatalog`. */
export const diagnosticsRpc = {
  'diagnostics.check-consent.v1': {
    request: z.object({ msisdn: Msisdn, category: ConsentCategory }),
    response: z.object({ state: ConsentState, until: Timestamp.optional() }),
    doc: 'The consent state of one category for a subscriber, as config and firmware check it before a job.',
  },
  'diagnostics.get-consent.v1': {
    request: z.object({ msisdn: Msisdn }),
    response: z.object({ grants: z.array(ConsentGrant) }),
    doc: 'Every category of a subscriber (categories never decided read not-asked).',
  },
  'diagnostics.set-consent.v1': {
    request: z.object({
      msisdn: Msisdn,
      category: ConsentCategory,
      decision: z.enum(['grant', 'revoke']),
      until: Timestamp.optional(),
      decidedBy: z.string().min(1).max(200),
    }),
    response: z.object({ grant: ConsentGrant }),
    doc: 'Grant (permanently or until a time) or revoke one category; audited.',
  },
  'diagnostics.run.v1': {
    request: z.object({
      msisdn: Msisdn.optional(),
      deviceId: DeviceId.optional(),
      requestedBy: z.string().min(1).max(200),
    }),
    response: z.object({ reportId: OpaqueId, deviceId: DeviceId }),
    doc: 'Start a diagnostic job on a handset (by MSISDN through subscriber-terminal, or by DM device id).',
  },
  'diagnostics.list-reports.v1': {
    request: z.object({
      msisdn: Msisdn.optional(),
      deviceId: DeviceId.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    response: z.object({ reports: z.array(DiagnosticReport) }),
    doc: 'Newest reports first, for a subscriber or a device.',
  },
} as const;
