import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process component (an API instance, a worker). Tests build many apps in one process, so metrics
 * are never registered on prom-client's global registry.
 */
export function createMetricsRegistry(opts: { defaultMetrics: boolean; prefix?: string }): Registry {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

export function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[] = []) {
  return new Counter<L>({ name, help, labelNames, registers: [registry] });
}

export function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[] = []) {
  return new Gauge<L>({ name, help, labelNames, registers: [registry] });
}

export function histogram<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
  buckets: number[],
) {
  return new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
}

export { Registry };
