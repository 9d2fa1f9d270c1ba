import { createInProcessEventBus } from '@dms/bus';
import { createLogger, createMetricsRegistry } from '@dms/service-kit';
import { counterTotal, waitFor } from '../../test-support/wait-for';
import { countingDeadLetters } from './dead-letter.counter';
import { DetectionMetrics } from './detection.metrics';

describe('countingDeadLetters', () => {
  it('counts each record the bus dead-letters for the detector group, and only those', async () => {
    const registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
    const metrics = new DetectionMetrics(registry);
    const logger = createLogger({ service: 'test', level: 'silent' });
    const bus = createInProcessEventBus({
      source: '/test',
      logger: countingDeadLetters(logger, 'hlr-detector', metrics),
    });
    await bus.subscribe({
      topic: 'hlr.imei-observations.v1',
      group: 'hlr-detector',
      handler: async () => undefined,
    });
    await bus.subscribe({
      topic: 'hlr.imei-observations.v1',
      group: 'someone-else',
      handler: async () => undefined,
    });

    await bus.publishRaw('hlr.imei-observations.v1', { key: '491700000001', value: 'not json' });
    await bus.publishRaw('hlr.imei-observations.v1', {
      key: '491700000002',
      value: '{"msisdn":"491700000002"}',
    });
    await waitFor(
      () => bus.deadLetters('someone-else').length === 2 && bus.deadLetters('hlr-detector').length === 2,
      'four dead letters',
    );

    expect(await counterTotal(registry, 'dms_hlr_invalid_observations_total')).toBe(2);
    await bus.close();
  });
});
