import { counter, histogram, type Registry } from '@tx/observability';
import type { ProviderId } from './types';

/** tx_provider_requests_total{provider,outcome} and tx_provider_latency_seconds{provider} (api.md §3.1). */
export function providerMetrics(registry: Registry) {
  const requests = counter(registry, 'tx_provider_requests_total', 'Market-data provider calls by outcome', [
    'provider',
    'outcome',
  ]);
  const latency = histogram(
    registry,
    'tx_provider_latency_seconds',
    'Market-data provider call latency',
    ['provider'],
    [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  return (provider: ProviderId, outcome: 'success' | 'failure' | 'not_found', seconds: number) => {
    requests.inc({ provider, outcome });
    latency.observe({ provider }, seconds);
  };
}
