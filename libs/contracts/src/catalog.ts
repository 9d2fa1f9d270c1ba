import type { z } from 'zod';
import { AlertRaised } from './events/alert-raised.event';
import { CombinationDetected } from './events/combination-detected.event';
import { ConfigApplied } from './events/config-applied.event';
import { ConfigFailed } from './events/config-failed.event';
import { DmCommandCompleted } from './events/dm-command-completed.event';
import { DmCommandRequested } from './events/dm-command-requested.event';
import { FirmwareRolloutChanged, FirmwareUpdateCompleted } from './events/firmware.events';
import { acceptHlrImeiObservation, HlrImeiObservation } from './events/hlr-imei-observation.event';
import { upcastHlrImeiObservation } from './events/hlr-imei-observation.upcast';
import { InventoryReported } from './events/inventory-reported.event';
import { ReportCompleted } from './events/report-completed.event';
import { SessionCompleted } from './events/session-completed.event';
import { SubscriberUpdated } from './events/subscriber-updated.event';
import { SubscriptionChanged } from './events/subscription-changed.event';
import { TerminalRemoved } from './events/terminal-removed.event';

/**
 * The event catalog: one entry per Kafka topic. Topic names are
 * `domain.fact-in-past-tense.vN` (STYLE.md 8). `key` picks the partition key from the
 * payload so that all events of one subscriber or device stay in order. `upcast` turns an
 * older payload shape into the current one before validation (additive changes need none;
 * a breaking change gets a new topic version and, for readers of the old one, an upcaster).
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly schema: S;
  readonly key: (data: z.output<S>) => string;
  readonly doc: string;
  readonly upcast?: (raw: unknown) => unknown;
  /**
   * For a hot topic: a hand-written check tried before the schema, returning the payload
   * when the (upcast) value certainly passes the schema, undefined to let the schema decide
   * and explain. It must accept nothing the schema rejects and return what the schema would.
   */
  readonly accept?: (raw: unknown) => z.output<S> | undefined;
}

function define<S extends z.ZodType>(def: EventDefinition<S>): EventDefinition<S> {
  return def;
}

export const eventCatalog = {
  'hlr.imei-observations.v1': define({
    type: 'org.dms.hlr.imei-observation.v1',
    schema: HlrImeiObservation,
    key: (d) => d.msisdn,
    doc: 'An HLR trigger: subscriber seen with handset. Produced by operator HLR front-ends (plain JSON accepted).',
    upcast: upcastHlrImeiObservation,
    accept: acceptHlrImeiObservation,
  }),
  'terminal.combination-detected.v1': define({
    type: 'org.dms.terminal.combination-detected.v1',
    schema: CombinationDetected,
    key: (d) => d.msisdn,
    doc: 'A new IMEI-MSISDN combination (or an IMEISV-only change) detected by hlr-detector.',
  }),
  'terminal.subscriber-updated.v1': define({
    type: 'org.dms.terminal.subscriber-updated.v1',
    schema: SubscriberUpdated,
    key: (d) => d.msisdn,
    doc: 'subscriber-terminal changed a subscriber or the handset attached to it.',
  }),
  'terminal.terminal-removed.v1': define({
    type: 'org.dms.terminal.terminal-removed.v1',
    schema: TerminalRemoved,
    key: (d) => d.imei,
    doc: 'subscriber-terminal removed a handset record (not seen for the retention period).',
  }),
  'subscription.changed.v1': define({
    type: 'org.dms.subscription.changed.v1',
    schema: SubscriptionChanged,
    key: (d) => d.msisdn,
    doc: 'The operator provisioning system activated, ended or re-numbered a subscription.',
  }),
  'dm.command-requested.v1': define({
    type: 'org.dms.dm.command-requested.v1',
    schema: DmCommandRequested,
    key: (d) => d.deviceId,
    doc: 'A service asks dm-gateway to run DM commands on a handset (optionally waking it with Package 0).',
  }),
  'dm.command-completed.v1': define({
    type: 'org.dms.dm.command-completed.v1',
    schema: DmCommandCompleted,
    key: (d) => d.deviceId,
    doc: 'dm-gateway reports the per-command statuses and results of a job.',
  }),
  'device.session-completed.v1': define({
    type: 'org.dms.device.session-completed.v1',
    schema: SessionCompleted,
    key: (d) => d.deviceId,
    doc: 'A DM management session ended (outcome, encoding, auth scheme, jobs served).',
  }),
  'device.inventory-reported.v1': define({
    type: 'org.dms.device.inventory-reported.v1',
    schema: InventoryReported,
    key: (d) => d.deviceId,
    doc: 'DevInfo, DevDetail and other node values read from a handset.',
  }),
  'device.alert-raised.v1': define({
    type: 'org.dms.device.alert-raised.v1',
    schema: AlertRaised,
    key: (d) => d.deviceId,
    doc: 'A handset sent a client event or generic alert (1224-1226), e.g. a FUMO result.',
  }),
  'diagnostics.report-completed.v1': define({
    type: 'org.dms.diagnostics.report-completed.v1',
    schema: ReportCompleted,
    key: (d) => d.deviceId,
    doc: 'diagnostics finished reading a handset; typed findings for config and firmware.',
  }),
  'config.applied.v1': define({
    type: 'org.dms.config.applied.v1',
    schema: ConfigApplied,
    key: (d) => d.deviceId,
    doc: 'A settings profile was applied to a handset.',
  }),
  'config.failed.v1': define({
    type: 'org.dms.config.failed.v1',
    schema: ConfigFailed,
    key: (d) => d.deviceId,
    doc: 'Applying a settings profile failed, with the reason and whether config retries.',
  }),
  'firmware.update-completed.v1': define({
    type: 'org.dms.firmware.update-completed.v1',
    schema: FirmwareUpdateCompleted,
    key: (d) => d.deviceId,
    doc: 'A firmware update of one handset ended: succeeded, failed (FUMO result code), declined, consent revoked or unreachable.',
  }),
  'firmware.rollout-changed.v1': define({
    type: 'org.dms.firmware.rollout-changed.v1',
    schema: FirmwareRolloutChanged,
    key: (d) => d.rolloutId,
    doc: 'A staged firmware rollout started, moved to its next stage, paused, halted on failures, completed or was cancelled.',
  }),
} as const;

export type EventCatalog = typeof eventCatalog;
export type TopicName = keyof EventCatalog;
/** The payload as consumers see it (defaults applied). */
export type EventData<T extends TopicName> = z.output<EventCatalog[T]['schema']>;
/** The payload as producers may write it (fields with defaults optional). */
export type EventInput<T extends TopicName> = z.input<EventCatalog[T]['schema']>;

export const topicNames = Object.keys(eventCatalog) as readonly TopicName[];

export function isTopicName(value: string): value is TopicName {
  return Object.prototype.hasOwnProperty.call(eventCatalog, value);
}
