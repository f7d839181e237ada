import { counter, gauge, histogram, type Registry } from '@tx/observability';

/** WebSocket metrics on the API instance's registry. */
export function createWsMetrics(registry: Registry) {
  const sent = counter(registry, 'tx_ws_messages_sent_total', 'WebSocket messages sent by type', ['type']);
  // Labelled children cached per type: the fan-out path increments this once per socket per frame.
  const sentChildren = new Map<string, ReturnType<typeof sent.labels>>();
  return {
    sentFor(type: string) {
      let c = sentChildren.get(type);
      if (!c) {
        c = sent.labels({ type });
        sentChildren.set(type, c);
      }
      return c;
    },
    connections: gauge(registry, 'tx_ws_connections', 'Open WebSocket connections'),
    dropped: counter(registry, 'tx_ws_messages_dropped_total', 'Messages or connections dropped, by reason', [
      'reason',
    ]),
    fanoutLatency: histogram(
      registry,
      'tx_ws_fanout_latency_seconds',
      'Publish to end of fan-out on this instance',
      [],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ),
  };
}
export type WsMetrics = ReturnType<typeof createWsMetrics>;
