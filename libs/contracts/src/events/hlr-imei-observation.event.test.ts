import fc from 'fast-check';
import { acceptHlrImeiObservation, HlrImeiObservation } from './hlr-imei-observation.event';

/** An IMEI with a valid Luhn check digit. */
function withCheckDigit(body14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = body14.charCodeAt(13 - i) - 48;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body14 + String((10 - (sum % 10)) % 10);
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const isoTime = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      d.toISOString().replace('.000Z', 'Z'),
      d.toISOString().replace('Z', '+02:00'),
      d.toISOString().slice(0, 16) + 'Z',
      d.toISOString().replace(/\.\d+Z$/, '.5-11:30'),
    ),
  );
const valid = fc.record(
  {
    msisdn: digits(6, 15),
    imsi: digits(6, 15),
    imei: fc.oneof(digits(14, 14), digits(14, 14).map(withCheckDigit)),
    imeisv: digits(16, 16),
    observedAt: isoTime,
    source: fc.string({ minLength: 1, maxLength: 200 }),
  },
  { requiredKeys: ['msisdn', 'imsi', 'imei', 'observedAt', 'source'] },
);
/** Values near the edges of every rule: wrong types, lengths one off, non-ASCII digits, bad dates. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    0,
    1.5,
    true,
    [],
    {},
    '',
    ' ',
    '٣٣٣٣٣٣',
    '１２３４５６',
    '12345',
    '1234567890123456',
  ),
  fc.constantFrom(
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T10:00:00',
    '2026-11-28t10:00:00z',
    '2026-11-28T10:00:60Z',
    '2026-11-28T10:00:00.Z',
    '2026-11-28T10:00:00+2400',
  ),
  digits(0, 17),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 199, maxLength: 202 }),
);
const mutated = fc
  .tuple(
    valid,
    fc.constantFrom('msisdn', 'imsi', 'imei', 'imeisv', 'observedAt', 'source', 'extra', '__proto__'),
    oddValue,
    fc.boolean(),
  )
  .map(([record, key, value, remove]) => {
    const copy: Record<string, unknown> = { ...record };
    if (remove) delete copy[key];
    else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });

describe('acceptHlrImeiObservation (the fast check of the busiest topic)', () => {
  it('never accepts what the schema rejects, and returns what the schema returns', () => {
    fc.assert(
      fc.property(fc.oneof(valid, mutated, fc.anything()), (raw) => {
        const fast = acceptHlrImeiObservation(raw);
        const parsed = HlrImeiObservation.safeParse(raw);
        if (fast !== undefined) {
          expect(parsed.success).toBe(true);
          expect(fast).toStrictEqual(parsed.data);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts the records HLR feeds send (otherwise it would be no fast path)', () => {
    fc.assert(
      fc.property(valid, (raw) => {
        expect(acceptHlrImeiObservation(JSON.parse(JSON.stringify(raw)))).toStrictEqual(
          HlrImeiObservation.parse(raw),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses a wrong check digit and a non-object, and drops an unknown field as the schema does', () => {
    const base = {
      msisdn: '491701234567',
      imsi: '262011234567890',
      imei: '490154203237518',
      observedAt: '2026-11-28T01:00:00Z',
      source: 'hlr-fe-01',
    };
    expect(acceptHlrImeiObservation(base)).toStrictEqual(base);
    expect(acceptHlrImeiObservation({ ...base, imei: '490154203237519' })).toBeUndefined();
    expect(HlrImeiObservation.safeParse({ ...base, imei: '490154203237519' }).success).toBe(false);
    const withExtra = acceptHlrImeiObservation({ ...base, vendor: 'x' });
    expect(withExtra).toStrictEqual(base);
    expect(acceptHlrImeiObservation([base])).toBeUndefined();
    expect(acceptHlrImeiObservation('x')).toBeUndefined();
  });
});
