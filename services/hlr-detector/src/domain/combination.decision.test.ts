import { decideCombination } from './combination.decision';
import { stateOf, type Observation, type SubscriberState } from './subscriber-state';

const IMEI_A = '490154203237518'; // 15 digits, valid Luhn
const IMEI_A14 = '49015420323751';
const IMEI_B = '352099001761481';
const SV_1 = '4901542032375101';
const SV_2 = '4901542032375102';

function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    msisdn: '491700000001',
    imsi: '262011234567890',
    imei: IMEI_A,
    observedAt: '2026-11-28T10:00:00Z',
    source: 'hlr-fe-01',
    ...overrides,
  };
}

function known(overrides: Partial<Observation> = {}): SubscriberState {
  return stateOf(observation(overrides));
}

describe('decideCombination', () => {
  it('announces a first sighting as a new combination of a new subscriber', () => {
    const decision = decideCombination(undefined, observation());
    expect(decision).toEqual({
      outcome: 'detected',
      change: { kind: 'new-combination', newSubscriber: true },
      next: known(),
    });
  });

  it('announces a different IMEI as a new combination naming the previous IMEI and IMEISV', () => {
    const decision = decideCombination(
      known({ imeisv: SV_1 }),
      observation({ imei: IMEI_B, observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toMatchObject({
      outcome: 'detected',
      change: { kind: 'new-combination', newSubscriber: false, previousImei: IMEI_A, previousImeisv: SV_1 },
    });
    if (decision.outcome === 'detected') expect(decision.next.imei).toBe(IMEI_B);
  });

  it('announces an IMEISV change on the same handset when both versions are known', () => {
    const decision = decideCombination(
      known({ imeisv: SV_1 }),
      observation({ imeisv: SV_2, observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toEqual({
      outcome: 'detected',
      change: { kind: 'imeisv-changed', newSubscriber: false, previousImeisv: SV_1 },
      next: known({ imeisv: SV_2, observedAt: '2026-11-28T11:00:00Z' }),
    });
  });

  it('only refreshes last seen when the same handset is seen again', () => {
    const decision = decideCombination(
      known({ imeisv: SV_1 }),
      observation({ imeisv: SV_1, observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toEqual({
      outcome: 'last-seen',
      next: known({ imeisv: SV_1, observedAt: '2026-11-28T11:00:00Z' }),
    });
  });

  it('keeps the known IMEISV when a newer observation carries none', () => {
    const decision = decideCombination(
      known({ imeisv: SV_1 }),
      observation({ observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toEqual({
      outcome: 'last-seen',
      next: known({ imeisv: SV_1, observedAt: '2026-11-28T11:00:00Z' }),
    });
  });

  it('learns a first IMEISV without announcing it', () => {
    const decision = decideCombination(
      known(),
      observation({ imeisv: SV_1, observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toEqual({
      outcome: 'last-seen',
      next: known({ imeisv: SV_1, observedAt: '2026-11-28T11:00:00Z' }),
    });
  });

  it('takes the 14-digit and the 15-digit form of an IMEI as the same handset', () => {
    expect(
      decideCombination(known(), observation({ imei: IMEI_A14, observedAt: '2026-11-28T11:00:00Z' })).outcome,
    ).toBe('last-seen');
    expect(
      decideCombination(known({ imei: IMEI_A14 }), observation({ observedAt: '2026-11-28T11:00:00Z' }))
        .outcome,
    ).toBe('last-seen');
  });

  it('ignores an older record of the previous handset instead of reporting a swap back', () => {
    const afterSwap = known({ imei: IMEI_B, observedAt: '2026-11-28T11:00:00Z' });
    expect(
      decideCombination(afterSwap, observation({ imei: IMEI_A, observedAt: '2026-11-28T10:30:00Z' })),
    ).toEqual({ outcome: 'ignored', reason: 'stale' });
  });

  it('ignores an older record of the same handset', () => {
    expect(decideCombination(known(), observation({ observedAt: '2026-11-28T09:00:00Z' }))).toEqual({
      outcome: 'ignored',
      reason: 'stale',
    });
  });

  it('ignores a record as old as the known one, whatever handset it names', () => {
    expect(decideCombination(known(), observation())).toEqual({ outcome: 'ignored', reason: 'duplicate' });
    expect(decideCombination(known(), observation({ imei: IMEI_B }))).toEqual({
      outcome: 'ignored',
      reason: 'duplicate',
    });
  });

  it('orders by instant, not by text, across time-zone offsets', () => {
    const base = known({ observedAt: '2026-11-28T10:00:00Z' });
    // 11:30+02:00 is 09:30Z: older although its text sorts later.
    expect(
      decideCombination(base, observation({ imei: IMEI_B, observedAt: '2026-11-28T11:30:00+02:00' })),
    ).toEqual({ outcome: 'ignored', reason: 'stale' });
    expect(
      decideCombination(base, observation({ imei: IMEI_B, observedAt: '2026-11-28T10:00:00.001Z' })).outcome,
    ).toBe('detected');
  });

  it('records a new IMSI on the same handset without announcing it', () => {
    const decision = decideCombination(
      known(),
      observation({ imsi: '262019999999999', observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toMatchObject({ outcome: 'last-seen', next: { imsi: '262019999999999' } });
  });

  it('announces a swap back to an earlier handset when it is newer', () => {
    const afterSwap = known({ imei: IMEI_B, observedAt: '2026-11-28T11:00:00Z' });
    expect(decideCombination(afterSwap, observation({ observedAt: '2026-11-28T12:00:00Z' }))).toMatchObject({
      outcome: 'detected',
      change: { kind: 'new-combination', previousImei: IMEI_B },
    });
  });

  it('reports an IMEI change rather than an IMEISV change when both differ', () => {
    const decision = decideCombination(
      known({ imeisv: SV_1 }),
      observation({ imei: IMEI_B, imeisv: '3520990017614801', observedAt: '2026-11-28T11:00:00Z' }),
    );
    expect(decision).toMatchObject({ outcome: 'detected', change: { kind: 'new-combination' } });
  });
});
