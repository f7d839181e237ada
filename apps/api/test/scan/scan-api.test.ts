import { testConfig } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerDeps, createWorkerDeps, type WorkerDeps } from '../../../worker/src/deps';
import { HANDLERS } from '../../../worker/src/handlers';
import { buildRegistry } from '../../../worker/src/registry';
import { startWorkers } from '../../../worker/src/runtime';
import { buildTestApp, type TestApp } from '../helper';
import { seedEvidence } from './seed-evidence';

const ENV = { MARKET_DATA_PROVIDERS: 'synthetic', DEFAULT_WATCHLIST: 'AAPL,MSFT,NVDA,BTC-USD,ETH-USD' };

/** Scan loop end to end: API (inject) + an in-process worker on the same schema and key prefix. */
describe('scan loop over the API (synthetic feed)', () => {
  let t: TestApp;
  let worker: WorkerDeps;
  let running: Awaited<ReturnType<typeof startWorkers>>;

  beforeAll(async () => {
    t = await buildTestApp(ENV);
    await seedEvidence(t.db.sql, ['equity', 'crypto']);
    worker = createWorkerDeps(testConfig(ENV), { schema: t.db.schema, keyPrefix: t.deps.keyPrefix });
    running = await startWorkers(worker, buildRegistry(HANDLERS), ['scan', 'label']);
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await closeWorkerDeps(worker);
    await t?.close();
  });

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json().data;
  };

  it('scan/start with an empty JSON body starts a session whose first cycle finishes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/scan/start',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    const s = res.json().data;
    expect(s).toMatchObject({ active: true, already_active: false, interval: 300, timeframes: ['1d'] });
    const again = await t.app.inject({ method: 'POST', url: '/api/scan/start', payload: {} });
    expect(again.json().data.already_active).toBe(true);

    let status: { last_scan: string | null; symbols_scanned: string[]; active: boolean; scanning: boolean } | null =
      null;
    for (let i = 0; i < 600 && !status?.last_scan; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await get('/api/scan/status');
    }
    expect(status?.last_scan).toEqual(expect.any(String));
    expect(status).toMatchObject({ active: true, scanning: true });
    expect(status?.symbols_scanned).toEqual(['AAPL', 'MSFT', 'NVDA', 'BTC-USD', 'ETH-USD']);

    const scan = await get('/api/scan');
    expect(scan.last_scan.results).toHaveLength(5);
    for (const r of scan.last_scan.results) {
      expect(typeof r.symbol).toBe('string');
      expect(typeof r.price).toBe('number');
      expect(['pattern', 'no_pattern']).toContain(r.status);
      expect(typeof r.label).toBe('string');
    }
  }, 90_000);

  it('pattern-performance shows labelled evidence with Wilson intervals', async () => {
    const p = await get('/api/pattern-performance?window=all');
    expect(p.overall.n).toBeGreaterThan(50);
    expect(p.overall.hit_rate).toBeGreaterThan(0);
    expect(p.overall.hit_rate_ci.low).toBeLessThanOrEqual(p.overall.hit_rate);
    expect(p.overall.hit_rate_ci.high).toBeGreaterThanOrEqual(p.overall.hit_rate);
    expect(p.by_pattern.length).toBeGreaterThan(3);
    const labelled = p.by_pattern.find((c: { n: number }) => c.n > 0);
    expect(labelled).toMatchObject({
      pattern: expect.any(String),
      pattern_key: expect.stringMatching(/:(bull|bear)$/),
    });
    expect(typeof labelled.avg_mfe_atr).toBe('number');
    expect(typeof labelled.avg_bars_to_outcome).toBe('number');
  });

  it('get_active_alerts serves the client contract (crash-critical fields present and typed)', async () => {
    const data = await get('/api/get_active_alerts');
    expect(Array.isArray(data.alerts)).toBe(true);
    const [row] = await t.db.sql`select count(*)::int as n from alerts where expires_at > now()`;
    expect(data.alerts).toHaveLength(Math.min(row.n, 50));
    expect(row.n).toBeGreaterThan(0);
    for (const a of data.alerts) {
      expect(Number.isInteger(a.id)).toBe(true);
      expect(typeof a.confidence_pct).toBe('number');
      expect(typeof a.confidence).toBe('number');
      expect(a.confidence).toBeGreaterThanOrEqual(0.4);
      expect(['BUY', 'SELL', 'WATCH']).toContain(a.metadata.suggested_action);
      expect(typeof a.metadata.explanation).toBe('string');
      expect(typeof a.metadata.timeframe).toBe('string');
      expect(typeof a.metadata.timestamp_eat).toBe('string');
      for (const k of ['entry', 'stop_loss', 'take_profit', 'rr'])
        expect(typeof a.metadata.risk_suggestions[k]).toBe('number');
      expect(a.is_active).toBe(true);
      expect(typeof a.message).toBe('string');
    }
    const alias = await get('/api/get_active_alert');
    expect(alias.alerts.length).toBe(data.alerts.length);
  });

  it('a dismissal hides the alert from that user only, at once, and is idempotent', async () => {
    const all = (await get('/api/get_active_alerts')).alerts as { id: number }[];
    const id = all[0].id;
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/alerts/dismiss/${id}`,
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(res.json().data).toEqual({ id, status: 'dismissed' });
    }
    const mine = (await get('/api/get_active_alerts')).alerts as { id: number }[];
    expect(mine.map((a) => a.id)).not.toContain(id);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/get_active_alerts',
      headers: { 'x-user-id': 'someone-else' },
    });
    expect(other.json().data.alerts.map((a: { id: number }) => a.id)).toContain(id);
    const recent = (await get('/api/alerts/recent')) as { id: number; status: string }[];
    expect(recent.find((a) => a.id === id)?.status).toBe('dismissed');
    const snooze = await t.app.inject({
      method: 'POST',
      url: '/api/handle_alert_response',
      payload: { alert_id: all[1]?.id ?? id, response: 'snooze' },
    });
    expect(snooze.statusCode).toBe(200);
  });

  it('detection logs, latest id, patterns list, explain and on-demand detect', async () => {
    const latest = await get('/api/get_latest_detection_id');
    expect(latest.latest_detection_id).toBeGreaterThan(0);
    expect(latest.detection_id).toBe(latest.latest_detection_id);
    const logs = await get('/api/detection_logs?limit=5&symbol=AAPL');
    expect(logs.logs).toHaveLength(5);
    expect(logs.pagination.total).toBeGreaterThan(5);
    expect(logs.logs[0]).toMatchObject({ symbol: 'AAPL', verified: expect.any(Boolean), pattern: expect.any(String) });
    const names = await get('/api/patterns/list');
    expect(names).toContain('Engulfing');
    const ex = await get('/api/explain/pattern/engulfing');
    expect(ex.key).toBe('cdl_engulfing');
    expect(typeof ex.explanation).toBe('string');
    expect((await t.app.inject({ method: 'GET', url: '/api/explain/pattern/nonsense_pattern' })).statusCode).toBe(404);
    const det = await t.app.inject({ method: 'POST', url: '/api/detect', payload: { symbol: 'aapl' } });
    expect(det.statusCode).toBe(200);
    expect(det.json().data).toMatchObject({ symbol: 'AAPL', timeframe: '1d', count: expect.any(Number) });
    const csv = await t.app.inject({ method: 'GET', url: '/api/export_detection_logs?format=csv&days=365' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe(
      'id,symbol,timeframe,pattern,direction,confidence,bar_time,price,volume,outcome',
    );
  });

  it('scan/stop stops the session and the scheduler', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/scan/stop',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.json().data).toMatchObject({ active: false, was_active: true });
    expect(res.json().data.final_stats.cycles).toBeGreaterThanOrEqual(1);
    expect(await t.deps.queues.scan.getJobScheduler('session-scan~demo-user')).toBeUndefined();
    const again = await t.app.inject({ method: 'POST', url: '/api/scan/stop', payload: {} });
    expect(again.json().data.was_active).toBe(false);
  });
});
