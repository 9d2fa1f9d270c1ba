import { imeiOf, type ExpectedDetection } from './observation-stream.fixture';

/**
 * Volume for the Kafka tests: `subscribers` subscribers seen `sightings` times each, a
 * minute apart; every fifth changes handset at its third sighting. Handsets are never
 * shared, so every detection is of a new terminal, whatever the order across partitions.
 */
export function bulkStream(
  subscribers: number,
  sightings = 4,
): { lines: string[]; expected: ExpectedDetection[] } {
  const lines: string[] = [];
  const expected: ExpectedDetection[] = [];
  for (let k = 0; k < sightings; k++) {
    for (let j = 0; j < subscribers; j++) {
      const msisdn = `4916${String(j).padStart(8, '0')}`;
      const snr = String(j).padStart(6, '0');
      const swapped = j % 5 === 0 && k >= 2;
      const imei = imeiOf(swapped ? '35000001' : '35000000', snr);
      const observedAt = new Date(Date.UTC(2026, 10, 27, 8, k)).toISOString();
      lines.push(
        `${msisdn}:${JSON.stringify({ msisdn, imsi: `26202${snr}0000`, imei, observedAt, source: 'hlr-bulk' })}`,
      );
      if (k === 0)
        expected.push({
          kind: 'new-combination',
          msisdn,
          imei,
          observedAt,
          newSubscriber: true,
          newTerminal: true,
        });
      if (swapped && k === 2) {
        expected.push({
          kind: 'new-combination',
          msisdn,
          imei,
          observedAt,
          newSubscriber: false,
          newTerminal: true,
          previousImei: imeiOf('35000000', snr),
        });
      }
    }
  }
  return { lines, expected };
}
