import type { EventData, EventEnvelope } from '@dms/contracts';

/** The topics the live dashboard follows. */
export const LIVE_TOPICS = [
  'terminal.combination-detected.v1',
  'diagnostics.report-completed.v1',
  'config.applied.v1',
  'config.failed.v1',
  'device.session-completed.v1',
  'device.alert-raised.v1',
  'dm.command-completed.v1',
  'firmware.update-completed.v1',
] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** The per-minute series of the dashboard. */
export type SeriesName =
  | 'detections'
  | 'diagnostics'
  | 'configApplied'
  | 'configFailed'
  | 'sessions'
  | 'alerts'
  | 'commands'
  | 'firmware';

/**
 * One event as browsers see it: small, no payload details beyond a one-line summary.
 * `ok` feeds the success rates; undefined when the fact is neither (a detection, an alert).
 */
export interface FeedEvent {
  id: string;
  topic: LiveTopic;
  series: SeriesName;
  time: string;
  msisdn?: string;
  deviceId?: string;
  tenantId?: string;
  ok?: boolean;
  summary: string;
}

type Envelope<T extends LiveTopic> = EventEnvelope<T, EventData<T>>;

/** Normalises an event of a live topic; the tenant is filled in later by the resolver. */
export function toFeedEvent<T extends LiveTopic>(envelope: Envelope<T>): FeedEvent {
  const event = envelope as Envelope<LiveTopic>;
  const common = { id: event.id, time: event.time };
  switch (event.topic) {
    case 'terminal.combination-detected.v1': {
      const d = event.data as EventData<'terminal.combination-detected.v1'>;
      const what =
        d.kind === 'imeisv-changed'
          ? 'software version changed'
          : d.newSubscriber
            ? 'new subscriber'
            : 'new handset';
      return {
        ...common,
        topic: 'terminal.combination-detected.v1',
        series: 'detections',
        msisdn: d.msisdn,
        summary: `${what}: IMEI ${d.imei} (TAC ${d.tac})`,
      };
    }
    case 'diagnostics.report-completed.v1': {
      const d = event.data as EventData<'diagnostics.report-completed.v1'>;
      return {
        ...common,
        topic: 'diagnostics.report-completed.v1',
        series: 'diagnostics',
        deviceId: d.deviceId,
        ...opt('msisdn', d.msisdn),
        ok: d.outcome === 'complete' || d.outcome === 'partial',
        summary: `diagnostics ${d.outcome}, ${d.findings.length} finding(s)`,
      };
    }
    case 'config.applied.v1': {
      const d = event.data as EventData<'config.applied.v1'>;
      return {
        ...common,
        topic: 'config.applied.v1',
        series: 'configApplied',
        deviceId: d.deviceId,
        ...opt('msisdn', d.msisdn),
        ok: true,
        summary: `settings applied: ${d.settings.join(', ')}`,
      };
    }
    case 'config.failed.v1': {
      const d = event.data as EventData<'config.failed.v1'>;
      return {
        ...common,
        topic: 'config.failed.v1',
        series: 'configFailed',
        deviceId: d.deviceId,
        ...opt('msisdn', d.msisdn),
        ok: false,
        summary: `settings failed: ${d.reason}${d.willRetry ? ' (will retry)' : ''}`,
      };
    }
    case 'device.session-completed.v1': {
      const d = event.data as EventData<'device.session-completed.v1'>;
      return {
        ...common,
        topic: 'device.session-completed.v1',
        series: 'sessions',
        deviceId: d.deviceId,
        ok: d.outcome === 'completed',
        summary: `DM session ${d.outcome} (${d.initiator}, ${d.encoding}, ${d.messages} msg)`,
      };
    }
    case 'device.alert-raised.v1': {
      const d = event.data as EventData<'device.alert-raised.v1'>;
      return {
        ...common,
        topic: 'device.alert-raised.v1',
        series: 'alerts',
        deviceId: d.deviceId,
        summary: `alert ${d.code}${d.type === undefined ? '' : ` ${d.type}`}`,
      };
    }
    case 'dm.command-completed.v1': {
      const d = event.data as EventData<'dm.command-completed.v1'>;
      return {
        ...common,
        topic: 'dm.command-completed.v1',
        series: 'commands',
        deviceId: d.deviceId,
        ok: d.outcome === 'completed',
        summary: `DM job ${d.outcome}, ${d.results.length} result(s)`,
      };
    }
    case 'firmware.update-completed.v1': {
      const d = event.data as EventData<'firmware.update-completed.v1'>;
      // Declined or refused consent is the user's choice, not a firmware failure: no outcome for the rate.
      const ok = d.outcome === 'succeeded' ? true : d.outcome === 'failed' || d.outcome === 'unreachable' ? false : undefined;
      return {
        ...common,
        topic: 'firmware.update-completed.v1',
        series: 'firmware',
        deviceId: d.deviceId,
        ...opt('msisdn', d.msisdn),
        ...(ok === undefined ? {} : { ok }),
        summary: `firmware ${d.toVersion} ${d.outcome}${d.resultCode === undefined ? '' : ` (${d.resultCode})`}${d.rolloutId === undefined ? '' : ', rollout'}`,
      };
    }
  }
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
