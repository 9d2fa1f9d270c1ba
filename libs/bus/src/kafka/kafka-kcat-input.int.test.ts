import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { EventEnvelope } from '@dms/contracts';
import { waitFor, sleep, uniqueName } from '../bus-contract.fixtures';
import type { DeliveryContext } from '../event-bus.port';
import { createKafkaHarness, readTopic, testBrokers } from './kafka-test.harness';

jest.setTimeout(60_000);
const TOPIC = 'hlr.imei-observations.v1' as const;

/** Produces `key:value` lines with Debian's kcat, exactly as an operator's HLR feed script would. */
async function kcatProduce(topic: string, lines: readonly string[]): Promise<void> {
  const child = execFile('kcat', ['-P', '-b', testBrokers().join(','), '-t', topic, '-K:']);
  const done = promisify((cb: (error: Error | null) => void) => child.on('exit', (code) => cb(code === 0 ? null : new Error(`kcat exited with ${code}`))))();
  child.stdin?.end(lines.join('\n') + '\n');
  await done;
}

describe('header-less HLR records produced with kcat', () => {
  it('consumes valid plain-JSON observations and dead-letters malformed ones with their reason', async () => {
    const h = await createKafkaHarness([TOPIC]);
    try {
      const group = uniqueName('hlr-detector');
      const received: Array<{ event: EventEnvelope; context: DeliveryContext }> = [];
      await h.bus.subscribe({ topic: TOPIC, group, handler: async (event, context) => void received.push({ event, context }) });
      const current = JSON.stringify({ msisdn: '491700000001', imsi: '262011234567890', imei: '490154203237518', observedAt: '2026-11-28T01:00:00Z', source: 'hlr-fe-01' });
      const legacy = JSON.stringify({ msisdn: '491700000002', imsi: '262011234567891', imei: '35209900176148', timestamp: '2026-11-28T01:00:01Z', hlrId: 'hlr-old' });
      const badLuhn = JSON.stringify({ msisdn: '491700000003', imsi: '262011234567892', imei: '490154203237519', observedAt: '2026-11-28T01:00:02Z', source: 'hlr-fe-01' });

      await kcatProduce(h.prefix + TOPIC, [
        `491700000001:${current}`,
        `491700000002:${legacy}`,
        `491700000003:${badLuhn}`,
        '491700000004:{"msisdn": 491700000004, truncated',
        `491700000001:${current}`,
      ]);

      const letters = await readTopic(h.kafka, `${h.prefix}dlq.${group}`, 2, 20_000);
      await waitFor(() => received.length >= 2, 20_000, 'the two valid observations');
      await sleep(300);

      expect(received.map((r) => r.event.subject).sort()).toEqual(['491700000001', '491700000002']);
      const first = received.find((r) => r.event.subject === '491700000001');
      expect(first?.context.external).toBe(true);
      expect(first?.event).toMatchObject({ source: '/external', time: '2026-11-28T01:00:00Z', type: 'org.dms.hlr.imei-observation.v1' });
      expect(received.find((r) => r.event.subject === '491700000002')?.event.data).toMatchObject({ observedAt: '2026-11-28T01:00:01Z', source: 'hlr-old' });

      const byKey = new Map(letters.map((l) => [l.key?.toString(), l]));
      expect(byKey.get('491700000003')?.headers.dlq_reason).toBe('EVENT_INVALID: imei: imei check digit (Luhn) is wrong');
      expect(byKey.get('491700000003')?.value?.toString()).toBe(badLuhn);
      expect(byKey.get('491700000004')?.headers.dlq_reason).toMatch(/^EVENT_INVALID: value is not JSON/);
      expect(byKey.get('491700000004')?.headers).toMatchObject({ dlq_topic: h.prefix + TOPIC, dlq_group: group, dlq_attempts: '0' });
    } finally {
      await h.close();
    }
  });
});
