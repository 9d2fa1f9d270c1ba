import { createEnvelope, encodeKafkaMessage } from '@dms/contracts';
import { OperationalError } from '@dms/service-kit';
import { observation } from '../bus-contract.fixtures';
import type { BusLogger } from '../bus-logger';
import type { ProcessedEventLog } from '../event-bus.port';
import { deliverMessage, type DeliveryPolicy } from './deliver-message';

const TOPIC = 'hlr.imei-observations.v1' as const;
const message = encodeKafkaMessage(TOPIC, createEnvelope(TOPIC, observation(1), { source: '/test' }));
const target = { topic: TOPIC, partition: 0, offset: '7', message };
const active = { isActive: () => true, pause: async () => {} };

function policy(overrides: Partial<DeliveryPolicy> = {}): DeliveryPolicy & { logged: string[] } {
  const logged: string[] = [];
  const logger: BusLogger = { debug() {}, info() {}, warn: (_f, m) => void logged.push(m), error: (_f, m) => void logged.push(m) };
  return { group: 'g', handler: async () => {}, processedLog: undefined, maxAttempts: 3, retryBaseMs: 1, retryMaxMs: 1, idempotencyTtlMs: 1000, logger, logged, ...overrides };
}

describe('deliverMessage', () => {
  it('keeps asking an unavailable processed-event log instead of dropping or double-handling the event', async () => {
    let failures = 2;
    const handled: string[] = [];
    const log: ProcessedEventLog = {
      isProcessed: async () => {
        if (failures-- > 0) throw new OperationalError('TEST_REDIS_DOWN', 'redis down');
        return false;
      },
      markProcessed: async () => {},
    };
    const p = policy({ processedLog: log, handler: async (e) => void handled.push(e.id) });
    await expect(deliverMessage(target, p, active)).resolves.toEqual({ kind: 'handled', attempts: 1 });
    expect(handled).toHaveLength(1);
    expect(p.logged.filter((m) => m.includes('processed-event log unavailable'))).toHaveLength(2);
  });

  it('counts the event handled when only recording it fails, and says so in the log', async () => {
    const log: ProcessedEventLog = { isProcessed: () => false, markProcessed: () => Promise.reject(new OperationalError('TEST_REDIS_DOWN', 'redis down')) };
    const p = policy({ processedLog: log });
    await expect(deliverMessage(target, p, active)).resolves.toEqual({ kind: 'handled', attempts: 1 });
    expect(p.logged).toContain('could not record processed event; a redelivery may repeat it');
  });

  it('leaves the event uncommitted when the consumer stops during a retry wait', async () => {
    let running = true;
    const stopping = { isActive: () => running, pause: async () => void (running = false) };
    const p = policy({ handler: async () => Promise.reject(new OperationalError('TEST_DOWN', 'down')) });
    await expect(deliverMessage(target, p, stopping)).resolves.toEqual({ kind: 'aborted', attempts: 1 });
  });

  it('treats an error without a retriable flag as retriable and dead-letters it once attempts run out', async () => {
    let calls = 0;
    const p = policy({ handler: async () => void (calls++, JSON.parse('{')) });
    const outcome = await deliverMessage(target, p, active);
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ kind: 'dead-letter', attempts: 3 });
    expect(outcome.kind === 'dead-letter' && outcome.reason).toMatch(/^attempts exhausted; last error handler failed: /);
  });
});
