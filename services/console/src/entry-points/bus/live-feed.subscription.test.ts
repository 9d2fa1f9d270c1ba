import type { EventInput } from '@dms/contracts';
import type { Role } from '../../domain/roles';
import type { FeedEvent } from '../../domain/live/feed-event';
import { LINES, startConsoleHarness, type ConsoleHarness } from '../../test-support/console.harness';
import { openFeedStream, waitUntil, type FeedStream } from '../../test-support/sse.reader';

jest.setTimeout(60_000);

const now = () => new Date().toISOString();
const detection = (
  line: (typeof LINES)[keyof typeof LINES],
): EventInput<'terminal.combination-detected.v1'> => ({
  kind: 'new-combination',
  msisdn: line.msisdn,
  imsi: '262011234567890',
  imei: line.imei,
  tac: line.imei.slice(0, 8),
  newSubscriber: true,
  newTerminal: true,
  observedAt: now(),
  detectedAt: now(),
  source: 'test',
});

async function openStream(h: ConsoleHarness, role: Role): Promise<FeedStream> {
  const stream = await openFeedStream(h.url, await h.signIn(role));
  expect(stream.contentType).toContain('text/event-stream');
  return stream;
}

const waitFor = waitUntil;

describe('live feed: bus events to each viewer, filtered by role and tenant', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsoleHarness();
  });
  afterEach(() => h.close());

  it('pushes each viewer only its scope, counts a redelivered event once and dead-letters an invalid one', async () => {
    const streams = {
      admin: await openStream(h, 'operator-admin'),
      corporate: await openStream(h, 'corporate-admin'),
      endUser: await openStream(h, 'end-user'),
    };
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'det-acme' });
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.globex), { id: 'det-globex' });
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'det-acme' });
    await h.bus.publish(
      'config.applied.v1',
      {
        deviceId: `IMEI:${LINES.consumer.imei}`,
        msisdn: LINES.consumer.msisdn,
        profileId: 'p',
        profileVersion: 1,
        settings: ['mms'],
        jobId: 'j1',
        appliedAt: now(),
      },
      { id: 'cfg-consumer' },
    );
    // Device-keyed: the tenant comes through the handset's IMEI.
    await h.bus.publish(
      'device.session-completed.v1',
      {
        sessionId: 's1',
        deviceId: `IMEI:${LINES.acme.imei}`,
        initiator: 'client',
        outcome: 'completed',
        encoding: 'wbxml',
        authScheme: 'md5-digest',
        messages: 3,
        commandsExecuted: 4,
        jobIds: [],
        startedAt: now(),
        endedAt: now(),
      },
      { id: 'sess-acme' },
    );
    await h.bus.publishRaw('config.failed.v1', { key: 'x', value: '{"deviceId": 42}' });

    await waitFor(() => streams.admin.events.length >= 4, 'four events for the operator admin');
    await waitFor(
      () => h.bus.deadLetters('console-live.config.failed').length === 1,
      'the invalid event in dlq.console-live.config.failed',
    );
    Object.values(streams).forEach((s) => s.close());

    expect(streams.admin.events.map((e) => e.id).sort()).toEqual([
      'cfg-consumer',
      'det-acme',
      'det-globex',
      'sess-acme',
    ]);
    expect(streams.corporate.events.map((e) => e.id).sort()).toEqual(['det-acme', 'sess-acme']);
    expect(streams.endUser.events.map((e) => e.id)).toEqual(['cfg-consumer']);
    expect(streams.corporate.events.find((e) => e.id === 'sess-acme')).toMatchObject({
      msisdn: LINES.acme.msisdn,
      tenantId: 'acme',
      ok: true,
    });
  });

  it('takes a tenant change from terminal.subscriber-updated.v1 at once, not when its cache expires', async () => {
    const streams = {
      admin: await openStream(h, 'operator-admin'),
      corporate: await openStream(h, 'corporate-admin'),
    };
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'before-move' });
    await waitFor(() => streams.corporate.events.length >= 1, 'the acme line in the acme feed');

    // The line moves to globex: subscriber-terminal answers so from now on and announces it.
    h.setTenant(LINES.acme.msisdn, 'globex');
    await h.bus.publish('terminal.subscriber-updated.v1', {
      msisdn: LINES.acme.msisdn,
      change: 'attributes-changed',
      attributes: {},
      tenantId: 'globex',
      updatedAt: now(),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'after-move' });
    await waitFor(
      () => streams.admin.events.some((e) => e.id === 'after-move'),
      'the event in the operator feed',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    Object.values(streams).forEach((s) => s.close());

    // The resolver had acme cached for 30 s: without the announcement acme would still see it.
    expect(streams.corporate.events.map((e) => e.id)).toEqual(['before-move']);
    expect(streams.admin.events.find((e) => e.id === 'after-move')).toMatchObject({ tenantId: 'globex' });
  });

  it('gives each viewer per-minute counts, success rates and recent events of its own scope', async () => {
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'a1' });
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.globex), { id: 'g1' });
    await h.bus.publish('terminal.combination-detected.v1', detection(LINES.acme), { id: 'a1' });
    await h.bus.publish(
      'config.failed.v1',
      {
        deviceId: `IMEI:${LINES.acme.imei}`,
        msisdn: LINES.acme.msisdn,
        profileId: 'p',
        profileVersion: 1,
        jobId: 'j2',
        reason: 'unreachable',
        attempts: 1,
        willRetry: true,
        failedAt: now(),
      },
      { id: 'f1' },
    );
    await h.bus.publish(
      'config.applied.v1',
      {
        deviceId: `IMEI:${LINES.globex.imei}`,
        msisdn: LINES.globex.msisdn,
        profileId: 'p',
        profileVersion: 1,
        settings: ['mms'],
        jobId: 'j3',
        appliedAt: now(),
      },
      { id: 'ok1' },
    );
    const admin = await h.signIn('operator-admin');
    const cora = await h.signIn('corporate-admin');
    type Snapshot = { totals: Record<string, number>; successRate: Record<string, number | null> };
    let all: Snapshot | undefined;
    await waitFor(
      () => all?.totals['configApplied'] === 1,
      'the dashboard to count',
      5000,
      async () => {
        all = (await h.call('GET', '/api/v1/console/dashboard', admin)).body as Snapshot;
      },
    );
    const scoped = (await h.call('GET', '/api/v1/console/dashboard', cora)).body;

    expect(all?.totals).toMatchObject({ detections: 2, configApplied: 1, configFailed: 1 });
    expect(all?.successRate['configurations']).toBe(0.5);
    expect(scoped.totals).toMatchObject({ detections: 1, configApplied: 0, configFailed: 1 });
    expect(scoped.successRate.configurations).toBe(0);
    expect(scoped.series.detections).toHaveLength(60);
    expect(scoped.series.detections.at(-1)).toBe(1);
    expect(scoped.recent.map((e: FeedEvent) => e.id)).toEqual(['f1', 'a1']);
  });
});
