import { imeiCheckDigit } from '../fleet/imei';
import { planDemo } from './demo-scenario';
import { verdictOf } from './demo-verdict';

describe('demo scenario', () => {
  it('covers every behaviour with valid, distinct numbers per run', () => {
    const plans = planDemo(16, 42);
    expect(new Set(plans.map((p) => p.behaviour))).toEqual(new Set(['accepts', 'refuses', 'revoked', 'unreachable', 'swaps']));
    const imeis = plans.flatMap((p) => p.handsets.map((h) => h.imei));
    expect(new Set(imeis).size).toBe(imeis.length);
    for (const imei of imeis) expect(Number(imei[14])).toBe(imeiCheckDigit(imei.slice(0, 14)));
    const other = planDemo(16, 43);
    expect(other.some((p) => plans.some((q) => q.msisdn === p.msisdn))).toBe(false);
  });

  it('a swapping subscriber gets a second handset of the other family', () => {
    const swap = planDemo(8, 1).find((p) => p.behaviour === 'swaps');
    expect(swap?.handsets.map((h) => h.family).sort()).toEqual(['oma-standard', 'vendor-x']);
  });

  it('judges outcomes from what the system reports', () => {
    const [accepts] = planDemo(1, 1);
    if (!accepts) throw new TypeError('no plan');
    const handset = accepts.handsets[0]!;
    expect(verdictOf({ plan: accepts, handset, sessions: 2, status: { detected: true, diagnosed: true, configState: 'applied' } }).ok).toBe(true);
    expect(verdictOf({ plan: accepts, handset, sessions: 2, status: { detected: true, diagnosed: true, configState: 'failed', configReason: 'unreachable' } }).ok).toBe(false);
    const refuses = planDemo(3, 1)[2]!;
    expect(verdictOf({ plan: refuses, handset: refuses.handsets[0]!, sessions: 1, status: { detected: true, diagnosed: true, configState: 'failed', configReason: 'user-rejected' } }).ok).toBe(true);
  });
});
