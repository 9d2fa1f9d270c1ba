import fc from 'fast-check';
import { deviceIdOfImei, Imei, luhnValid, Timestamp, timestampMs } from './identifiers';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Timestamps in every form the Timestamp schema accepts, and near misses. */
const timestamp = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 9 })),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.constant(''),
      fc.constant('z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }))
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
      fc.constantFrom('+0100', '+01', 'UTC'),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
    const seconds = second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`;
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${seconds}${zone}`;
  });

describe('timestampMs', () => {
  it('reads every timestamp exactly as Date.parse does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          timestamp,
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        (value) => {
          expect(timestampMs(value)).toBe(Date.parse(value));
        },
      ),
      { numRuns: 50_000 },
    );
  });

  it('agrees with Date.parse on the instants a schema-valid timestamp names, offsets and fractions included', () => {
    for (const value of [
      '2026-11-28T01:00:00Z',
      '2026-11-28T01:00Z',
      '2026-11-28T01:00:00.1Z',
      '2026-11-28T01:00:00.123456789+05:30',
      '2024-02-29T23:59:59.999-23:59',
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      expect(Timestamp.safeParse(value).success).toBe(true);
      expect(timestampMs(value)).toBe(Date.parse(value));
    }
  });
});

describe('deviceIdOfImei', () => {
  it('names the 15-digit DevId of a handset whether the store keeps 14 or 15 digits', () => {
    // 35693803564380 + Luhn 9 (3GPP TS 23.003 Annex B example form).
    expect(deviceIdOfImei('35693803564380')).toBe('IMEI:356938035643809');
    expect(deviceIdOfImei('356938035643809')).toBe('IMEI:356938035643809');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (body) => {
        const id = deviceIdOfImei(body);
        const digits = id.slice(5);
        return id.startsWith(`IMEI:${body}`) && digits.length === 15 && luhnValid(digits) && Imei.safeParse(digits).success;
      }),
    );
  });
});
