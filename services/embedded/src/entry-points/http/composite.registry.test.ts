import { createCounter, createMetricsRegistry } from '@dms/service-kit';
import { CompositeRegistry } from './composite.registry';

describe('one /metrics for every embedded service', () => {
  it('renders each registry with its own service label, each metric once', async () => {
    const hlr = createMetricsRegistry({ service: 'hlr-detector', defaultMetrics: false });
    const st = createMetricsRegistry({ service: 'subscriber-terminal', defaultMetrics: false });
    createCounter(hlr, { name: 'dms_hlr_things_total', help: 'h' }).inc(2);
    createCounter(st, { name: 'dms_st_things_total', help: 's' }).inc(3);
    const text = await new CompositeRegistry([hlr, st]).metrics();

    expect(text).toContain('dms_hlr_things_total{service="hlr-detector"} 2');
    expect(text).toContain('dms_st_things_total{service="subscriber-terminal"} 3');
    expect(text.match(/^# TYPE /gm)).toHaveLength(2);
    expect(text.endsWith('\n')).toBe(true);
  });
});
