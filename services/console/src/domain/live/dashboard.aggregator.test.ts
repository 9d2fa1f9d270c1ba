import type { EventData, EventEnvelope } from '@dms/contracts';
import { DashboardAggregator } from './dashboard.aggregator';
import { toFeedEvent } from './feed-event';

const NOW = Date.parse('2026-11-28T10:30:30.000Z');
type Outcome = EventData<'firmware.update-completed.v1'>['outcome'];

function firmwareEvent(id: string, outcome: Outcome, msisdn: string, tenantId?: string) {
  const envelope = {
    id,
    topic: 'firmware.update-completed.v1',
    time: new Date(NOW - 5_000).toISOString(),
    data: { updateId: `fwu-${id}`, deviceId: 'IMEI:356938035643809', msisdn, packageId: 'fw-1', toVersion: '1.1.0', outcome, attempts: 1, completedAt: new Date(NOW - 5_000).toISOString(), ...(outcome === 'failed' ? { resultCode: 402 } : {}) },
  } as unknown as EventEnvelope<'firmware.update-completed.v1', EventData<'firmware.update-completed.v1'>>;
  return { ...toFeedEvent(envelope), ...(tenantId === undefined ? {} : { tenantId }) };
}

describe('the dashboard counts firmware updates', () => {
  it('per minute and as a success rate per viewer, a user declining being no firmware failure', () => {
    const dashboard = new DashboardAggregator({ minutes: 60, recentEvents: 100, maxLineScopesPerMinute: 100 }, () => NOW);
    dashboard.add(firmwareEvent('a', 'succeeded', '491700000001', 'acme'));
    dashboard.add(firmwareEvent('b', 'succeeded', '491700000002', 'acme'));
    dashboard.add(firmwareEvent('c', 'failed', '491700000003', 'globex'));
    dashboard.add(firmwareEvent('d', 'declined', '491700000004', 'globex'));
    // A redelivery counts once.
    expect(dashboard.add(firmwareEvent('c', 'failed', '491700000003', 'globex'))).toBe(false);

    const admin = dashboard.snapshot({ username: 'op', role: 'operator-admin' });
    expect(admin.totals.firmware).toBe(4);
    expect(admin.successRate.firmware).toBeCloseTo(2 / 3);
    expect(admin.series.firmware.at(-1)).toBe(4);
    expect(admin.recent[0]?.summary).toBe('firmware 1.1.0 declined');
    expect(admin.recent.find((e) => e.id === 'c')?.summary).toBe('firmware 1.1.0 failed (402)');

    const globex = dashboard.snapshot({ username: 'cora', role: 'corporate-admin', tenantId: 'globex' });
    expect(globex.totals.firmware).toBe(2);
    expect(globex.successRate.firmware).toBe(0);
    expect(globex.recent.map((e) => e.id).sort()).toEqual(['c', 'd']);
  });
});
