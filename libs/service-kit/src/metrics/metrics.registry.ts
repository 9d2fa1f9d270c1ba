import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Added as the `service` label to every metric of the registry. */
  service: string;
  /** Process metrics (CPU, memory, event-loop lag, GC); default true. */
  defaultMetrics?: boolean;
}

/**
 * One registry per service (not prom-client's global one), so that embedded mode can
 * run every service in one process with each keeping its own `service` label.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface HistogramSpec<L extends string> extends MetricSpec<L> {
  /** Upper bounds in the metric's unit; prom-client's defaults suit seconds-scale latencies. */
  buckets?: number[];
}

/**
 * The helpers return the metric already registered under `name` when there is one, so
 * two modules (or two embedded services sharing a registry) asking for the same metric
 * share it instead of failing on a duplicate registration.
 */
export function createCounter<L extends string = string>(
  registry: Registry,
  spec: MetricSpec<L>,
): Counter<L> {
  const existing = registry.getSingleMetric(spec.name);
  if (existing instanceof Counter) return existing as Counter<L>;
  return new Counter<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
  });
}

export function createGauge<L extends string = string>(registry: Registry, spec: MetricSpec<L>): Gauge<L> {
  const existing = registry.getSingleMetric(spec.name);
  if (existing instanceof Gauge) return existing as Gauge<L>;
  return new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
  });
}

export function createHistogram<L extends string = string>(
  registry: Registry,
  spec: HistogramSpec<L>,
): Histogram<L> {
  const existing = registry.getSingleMetric(spec.name);
  if (existing instanceof Histogram) return existing as Histogram<L>;
  return new Histogram<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
    ...(spec.buckets === undefined ? {} : { buckets: spec.buckets }),
  });
}
