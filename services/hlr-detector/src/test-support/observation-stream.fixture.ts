import { luhnValid } from '@dms/contracts';

/**
 * A realistic HLR feed for the embedded integration test and the Kafka end-to-end test:
 * new subscribers, handset swaps, a swap back, exact duplicates, reordered (older)
 * records, IMEISV-only changes, both IMEI spellings, the legacy record shape and
 * malformed records. Records are `key:value` lines as `kcat -K:` produces them (plain
 * JSON, no headers). Phase 2 reuses handsets first seen in phase 1: newTerminal depends
 * on what was seen before, and partitions are consumed in parallel, so phase 2 is
 * produced only once phase 1 has been applied.
 */
export function imeiOf(tac: string, snr: string): string {
  const body = tac + snr;
  for (let check = 0; check <= 9; check++) if (luhnValid(body + check)) return body + check;
  return body;
}

const A = imeiOf('35332509', '000001');
const B1 = imeiOf('35332509', '000002');
const B2 = imeiOf('86012345', '000003');
const C = imeiOf('49015420', '000004');
const D = imeiOf('35209900', '000005');
const E = imeiOf('35209900', '000006');
const F = imeiOf('35209900', '000007');
const G = imeiOf('86012345', '000008');
const svA = (svn: string) => A.slice(0, 14) + svn;

const S = (n: number) => `4917000000${String(n).padStart(2, '0')}`;
const imsi = (n: number) => `2620100000000${String(n).padStart(2, '0')}`;
const at = (hhmm: string) => `2026-11-28T${hhmm}:00Z`;

function line(n: number, fields: Record<string, unknown>): string {
  return `${S(n)}:${JSON.stringify({ msisdn: S(n), imsi: imsi(n), source: 'hlr-fe-01', ...fields })}`;
}

export const STREAM_PHASE_1: readonly string[] = [
  line(1, { imei: A, imeisv: svA('01'), observedAt: at('10:00') }),
  line(2, { imei: B1.slice(0, 14), observedAt: at('10:00') }),
  line(3, { imei: C, observedAt: at('10:00') }),
  line(1, { imei: A, imeisv: svA('01'), observedAt: at('10:05') }),
  line(1, { imei: A, imeisv: svA('01'), observedAt: at('10:05') }),
  line(2, { imei: B2, observedAt: at('11:00') }),
  line(2, { imei: B1, observedAt: at('10:30') }),
  line(2, { imei: B1, observedAt: at('12:00') }),
  line(1, { imei: A, imeisv: svA('02'), observedAt: at('11:00') }),
  line(1, { imei: A, imeisv: svA('02'), observedAt: at('11:00'), source: 'hlr-fe-02' }),
  `${S(4)}:${JSON.stringify({ msisdn: S(4), imsi: imsi(4), imei: D.slice(0, 14), timestamp: at('10:00'), hlrId: 'hlr-legacy' })}`,
  line(5, { imei: E, observedAt: at('09:00') }),
  line(5, { imei: F, observedAt: at('08:00') }),
  line(5, { imei: E, observedAt: at('09:30'), imsi: '262019999999905' }),
  line(11, { imei: A.slice(0, 14) + String((Number(A[14]) + 1) % 10), observedAt: at('10:00') }),
  line(12, { imei: G, observedAt: at('10:00') }).replace(/,"imsi":"\d+"/, ''),
  `${S(13)}:${JSON.stringify({ msisdn: Number(S(13)), imsi: imsi(13), imei: G, observedAt: at('10:00'), source: 'hlr-fe-01' })}`,
  `${S(14)}:{"msisdn": "${S(14)}", truncated`,
];

export const STREAM_PHASE_2: readonly string[] = [
  line(3, { imei: A, observedAt: at('13:00') }),
  line(6, { imei: D, observedAt: at('10:00') }),
  line(2, { imei: B1, observedAt: at('12:00') }),
  line(6, { imei: D.slice(0, 14), observedAt: at('10:10') }),
  line(7, { imei: G, observedAt: at('10:00') }),
  line(7, { imei: B2, observedAt: at('10:20') }),
];

export interface ExpectedDetection {
  kind: 'new-combination' | 'imeisv-changed';
  msisdn: string;
  imei: string;
  observedAt: string;
  newSubscriber: boolean;
  newTerminal: boolean;
  previousImei?: string;
  previousImeisv?: string;
}

export const EXPECTED_DETECTIONS: readonly ExpectedDetection[] = [
  {
    kind: 'new-combination',
    msisdn: S(1),
    imei: A,
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  {
    kind: 'new-combination',
    msisdn: S(2),
    imei: B1.slice(0, 14),
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  {
    kind: 'new-combination',
    msisdn: S(3),
    imei: C,
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  {
    kind: 'new-combination',
    msisdn: S(2),
    imei: B2,
    observedAt: at('11:00'),
    newSubscriber: false,
    newTerminal: true,
    previousImei: B1.slice(0, 14),
  },
  {
    kind: 'new-combination',
    msisdn: S(2),
    imei: B1,
    observedAt: at('12:00'),
    newSubscriber: false,
    newTerminal: false,
    previousImei: B2,
  },
  {
    kind: 'imeisv-changed',
    msisdn: S(1),
    imei: A,
    observedAt: at('11:00'),
    newSubscriber: false,
    newTerminal: false,
    previousImeisv: svA('01'),
  },
  {
    kind: 'new-combination',
    msisdn: S(4),
    imei: D.slice(0, 14),
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  {
    kind: 'new-combination',
    msisdn: S(5),
    imei: E,
    observedAt: at('09:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  // phase 2: handsets that moved between subscribers are not new terminals
  {
    kind: 'new-combination',
    msisdn: S(3),
    imei: A,
    observedAt: at('13:00'),
    newSubscriber: false,
    newTerminal: false,
    previousImei: C,
  },
  {
    kind: 'new-combination',
    msisdn: S(6),
    imei: D,
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: false,
  },
  {
    kind: 'new-combination',
    msisdn: S(7),
    imei: G,
    observedAt: at('10:00'),
    newSubscriber: true,
    newTerminal: true,
  },
  {
    kind: 'new-combination',
    msisdn: S(7),
    imei: B2,
    observedAt: at('10:20'),
    newSubscriber: false,
    newTerminal: false,
    previousImei: G,
  },
];

/** Dead letters by record key, with the reason the bus must give. */
export const EXPECTED_DEAD_LETTERS: Readonly<Record<string, RegExp>> = {
  [S(11)]: /^EVENT_INVALID: imei: imei check digit \(Luhn\) is wrong$/,
  [S(12)]: /^EVENT_INVALID: imsi: /,
  [S(13)]: /^EVENT_INVALID: msisdn: /,
  [S(14)]: /^EVENT_INVALID: value is not JSON/,
};

/** Comparable view of a published detection (drops detectedAt, imsi, tac, source). */
export function detectionView(data: ExpectedDetection & Record<string, unknown>): ExpectedDetection {
  const { kind, msisdn, imei, observedAt, newSubscriber, newTerminal, previousImei, previousImeisv } = data;
  return {
    kind,
    msisdn,
    imei,
    observedAt,
    newSubscriber,
    newTerminal,
    ...(previousImei === undefined ? {} : { previousImei }),
    ...(previousImeisv === undefined ? {} : { previousImeisv }),
  };
}

export function sortDetections(list: readonly ExpectedDetection[]): ExpectedDetection[] {
  return [...list].sort((a, b) =>
    `${a.msisdn}|${a.observedAt}|${a.kind}`.localeCompare(`${b.msisdn}|${b.observedAt}|${b.kind}`),
  );
}

export function splitLine(record: string): { key: string; value: string } {
  const colon = record.indexOf(':');
  return { key: record.slice(0, colon), value: record.slice(colon + 1) };
}
