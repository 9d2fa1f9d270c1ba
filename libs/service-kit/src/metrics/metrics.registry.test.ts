import { createCounter, createGauge, createHistogram, createMetricsRegistry } from './metrics.registry';

describe('createMetricsRegistry', () => {
  it('exposes default process metrics labelled with the service', async () => {
    const registry = createMetricsRegistry({ service: 'config' });

    const text = await registry.metrics();

    expect(text).toMatch(/process_cpu_user_seconds_total\{service="config"\} \d/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps two registries apart, each with its own service label', async () => {
    const a = createMetricsRegistry({ service: 'a', defaultMetrics: false });
    const b = createMetricsRegistry({ service: 'b', defaultMetrics: false });
    createCounter(a, { name: 'dms_events_total', help: 'events' }).inc(3);
    createCounter(b, { name: 'dms_events_total', help: 'events' }).inc(5);

    expect(await a.metrics()).toContain('dms_events_total{service="a"} 3');
    expect(await b.metrics()).toContain('dms_events_total{service="b"} 5');
  });

  it('returns the registered metric when asked for the same name twice', async () => {
    const registry = createMetricsRegistry({ service: 's', defaultMetrics: false });
    createCounter(registry, { name: 'dms_commands_total', help: 'c', labelNames: ['outcome'] }).inc({
      outcome: 'ok',
    });
    createCounter(registry, { name: 'dms_commands_total', help: 'c', labelNames: ['outcome'] }).inc({
      outcome: 'ok',
    });

    expect(await registry.metrics()).toContain('dms_commands_total{outcome="ok",service="s"} 2');
  });

  it('creates histograms with given buckets and gauges', async () => {
    const registry = createMetricsRegistry({ service: 's', defaultMetrics: false });
    createHistogram(registry, { name: 'dms_session_seconds', help: 'h', buckets: [1, 5] }).observe(2);
    createGauge(registry, { name: 'dms_sessions_open', help: 'g' }).set(7);

    const text = await registry.metrics();
    expect(text).toContain('dms_session_seconds_bucket{le="1",service="s"} 0');
    expect(text).toContain('dms_session_seconds_bucket{le="5",service="s"} 1');
    expect(text).toContain('dms_sessions_open{service="s"} 7');
  });
});
