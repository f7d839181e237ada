import { counter, gauge, histogram, type Registry } from '@tx/observability';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type Counter = { inc: () => void };
type Observer = { observe: (v: number) => void };

export function createApiMetrics(registry: Registry) {
  return {
    registry,
    httpRequests: counter(registry, 'tx_http_requests_total', 'HTTP requests by route pattern', [
      'route',
      'method',
      'status',
    ]),
    httpLatency: histogram(
      registry,
      'tx_http_request_latency_seconds',
      'HTTP latency by route pattern',
      ['route', 'method'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    rateLimitStoreErrors: counter(registry, 'tx_ratelimit_store_errors_total', 'Rate-limit store failures (open)'),
    scannerActive: gauge(registry, 'tx_scanner_active', '1 when the global scan scheduler is enabled'),
    queueJobs: gauge(registry, 'tx_queue_jobs', 'Queue depth by state', ['queue', 'state']),
  };
}
export type ApiMetrics = ReturnType<typeof createApiMetrics>;

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/**
 * HTTP metrics labelled by route pattern (never the raw URL, which would explode cardinality), and `/metrics`.
 * `collect` refreshes gauges that are read from elsewhere (queue depths, scheduler state) just before a scrape.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { metrics: ApiMetrics; collect: () => Promise<void> }) => {
    app.decorate('metrics', opts.metrics);
    // Label children are bound once per (route, method, status): prom-client hashes label objects on every call.
    const counters = new Map<string, Counter>();
    const timers = new Map<string, Observer>();
    app.addHook('onResponse', (req, reply, done) => {
      const route = req.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      const key = `${req.method} ${route}`;
      let timer = timers.get(key);
      if (!timer) {
        timer = opts.metrics.httpLatency.labels(route, req.method);
        timers.set(key, timer);
      }
      let count = counters.get(`${key} ${status}`);
      if (!count) {
        count = opts.metrics.httpRequests.labels(route, req.method, String(status));
        counters.set(`${key} ${status}`, count);
      }
      const seconds = reply.elapsedTime / 1000;
      timer.observe(seconds);
      count.inc();
      // One access-log line per request (Fastify's own two lines are off); probes and scrapes only at debug.
      // Written by the root logger with the request id, so a request that logs nothing else never builds its own.
      const level = route === '/health' || route === '/ready' || route === '/metrics' ? 'debug' : 'info';
      app.log[level](
        { reqId: req.id, route, method: req.method, status, ms: Math.round(seconds * 1e4) / 10 },
        'request',
      );
      done();
    });
    app.get('/metrics', { config: { auth: 'public', group: 'H' }, schema: { hide: true } }, async (_req, reply) => {
      await opts.collect().catch((err: unknown) => app.log.warn({ err }, 'metrics collection failed'));
      reply.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    });
  },
  { name: 'metrics' },
);
