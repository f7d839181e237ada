/**
 * `pnpm bench alerts` (issue 5): GET /api/get_active_alerts with 1,000 active alerts seeded directly in Postgres,
 * on a real listening TX server (rate limiting bypassed through RATE_LIMIT_ALLOWLIST=127.0.0.1), open loop at a
 * fixed 5,000 req/s for 30 s (autocannon -R in a child process, so the server keeps a core of its own).
 * Targets: the rate held, p99 <= 15 ms, 0 errors. Also prints the server's CPU time per request, which stays
 * comparable when other processes share the machine.
 */
import { autocannon, measure } from '../lib/autocannon';
import { startBenchServer } from '../lib/bench-server';

const SECONDS = Number(process.env.ALERTS_BENCH_SECONDS ?? 30);
const RATE = 5000;
// Same connection pool as the candles suite (see there and docs/benchmarks.md for the 100-connection figures).
const CONNECTIONS = Number(process.env.ALERTS_BENCH_CONNECTIONS ?? 20);

export default async function activeAlerts(): Promise<void> {
  const server = await startBenchServer({ MARKET_DATA_PROVIDERS: 'synthetic' });
  await server.db.sql`
    with d as (
      insert into detections (symbol, timeframe, asset_class, pattern_id, pattern_key, family, direction, strength,
        bar_time, confirmed_at, price, atr, context, confidence, confidence_source, prior_w, prior_n, prior_a, prior_b,
        detector_version, window_start, provider, backfill, source)
      select 'S' || (i % 200), '1d', 'equity', 'cdl_engulfing', 'cdl_engulfing:bull', 'candlestick', 1, 1,
        now() - i * interval '1 minute', now() - i * interval '1 minute', 100 + i, 2, '{"trend":"up"}'::jsonb, 0.45,
        'prior', 30, 60, 3.3, 6.7, 'det-1', now() - interval '700 days', 'synthetic', false, 'scan'
      from generate_series(1, 1000) as i
      returning id, symbol, bar_time, price
    )
    insert into alerts (detection_id, symbol, timeframe, pattern_id, pattern_key, pattern_name, direction, confidence,
      confidence_source, expected_r, price, bar_time, explanation, suggested_action, entry, stop_loss, take_profit, rr,
      confidence_factors, period, source, expires_at)
    select id, symbol, '1d', 'cdl_engulfing', 'cdl_engulfing:bull', 'Bullish Engulfing', 1, 0.45, 'prior', 0.2, price,
      bar_time, 'Bullish Engulfing (bullish) on ' || symbol || ' 1d. Confidence 45.0% (prior: 30 of 60).', 'BUY',
      price, price - 2, price + 4, 2, '{"prior_n":60}'::jsonb, '2y', 'scan', now() + interval '1 day'
    from d`;
  const url = `${server.origin}/api/get_active_alerts`;
  try {
    const body = await (await fetch(url)).text();
    console.log(
      `payload: ${(JSON.parse(body) as { data: { alerts: unknown[] } }).data.alerts.length} alerts, ${(body.length / 1024).toFixed(1)} KiB; ${CONNECTIONS} connections`,
    );
    await autocannon({ url, connections: CONNECTIONS, seconds: 5, rate: RATE }); // warm-up (JIT, connection pools)
    const r = await measure({ url, connections: CONNECTIONS, seconds: SECONDS, rate: RATE });
    const errors = r.errors + r.timeouts + r.non2xx;
    console.log(
      `GET /api/get_active_alerts open loop ${RATE}/s x ${SECONDS} s: ${Math.round(r.requests.average)} req/s, ` +
        `p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ` +
        `errors ${errors}, server CPU ${Math.round(r.cpuUsPerReq)} us/req`,
    );
    console.log(
      `targets: rate ${r.requests.average >= RATE * 0.99 ? 'held' : 'NOT held'}, p99 ${r.latency.p99} ` +
        `${r.latency.p99 <= 15 ? '<=' : '>'} 15 ms, errors ${errors}`,
    );
  } finally {
    await server.close();
  }
}
