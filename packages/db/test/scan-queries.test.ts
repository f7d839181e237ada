import { createTestDatabase, type TestDatabase } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bars, detections, labels, scans } from '../src';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const DAY = 86_400_000;

const detection = (symbol: string, day: number, over: Partial<detections.NewDetection> = {}) => ({
  symbol,
  timeframe: '1d',
  asset_class: 'equity',
  pattern_id: 'double_top',
  pattern_key: 'double_top:bear',
  family: 'chart' as const,
  raw: null,
  direction: -1 as const,
  strength: 0.75,
  bar_time: new Date(day * DAY),
  confirmed_at: new Date((day + 1) * DAY),
  price: 101.1 + day / 3,
  volume: 1234567,
  atr: 2.0000000000000004,
  context: { trend: 'up', adx: null, note: 'quote " and backslash \\ survive' },
  confidence: 0.1 + 0.2,
  confidence_source: 'prior' as const,
  model_key: null,
  model_version: null,
  prior_w: 3,
  prior_n: 7,
  prior_a: 1.5,
  prior_b: 2.5,
  detector_version: 'det-1',
  window_start: new Date((day - 499) * DAY),
  provider: 'synthetic',
  backfill: day % 2 === 0,
  source: 'scan' as const,
  ...over,
});

describe('scan batch queries', () => {
  it('multi-row detection and label inserts store every value exactly and are idempotent', async () => {
    const rows = [detection('AAA', 20000), detection('AAA', 20001, { raw: -100 }), detection('BBB', 20000)];
    const inserted = await detections.insertDetections(db.sql, rows);
    expect(inserted).toHaveLength(3);
    for (const [i, r] of rows.entries()) {
      const { id, created_at, features, ...stored } = inserted.find(
        (d) => d.symbol === r.symbol && d.bar_time.getTime() === r.bar_time.getTime(),
      ) as detections.DetectionRow & { features: unknown };
      expect(stored, `row ${i}`).toEqual(r);
    }
    expect(await detections.insertDetections(db.sql, rows)).toEqual([]);

    const label = (d: detections.DetectionRow): labels.NewLabel => ({
      detection_id: d.id,
      label_version: 'tb-1',
      pattern_key: d.pattern_key,
      timeframe: d.timeframe,
      asset_class: d.asset_class,
      outcome: d.backfill ? 'win' : 'invalid',
      reason: d.backfill ? null : 'insufficient_data',
      entry_price: d.backfill ? 1 / 3 : null,
      exit_price: null,
      exit_bar_time: d.backfill ? d.confirmed_at : null,
      bars_to_outcome: 4,
      return: -0.125,
      r_multiple: null,
      mfe_atr: 1e-9,
      mae_atr: 0,
      fwd_return_1: null,
      fwd_return_5: null,
      fwd_return_n: null,
      available_at: new Date(d.confirmed_at.getTime() + 10 * DAY),
    });
    const newLabels = inserted.map(label);
    expect(await labels.insertLabels(db.sql, newLabels)).toBe(3);
    expect(await labels.insertLabels(db.sql, newLabels)).toBe(0);
    const stored = await db.sql<labels.NewLabel[]>`
      select detection_id, label_version, pattern_key, timeframe, asset_class, outcome, reason, entry_price, exit_price,
             exit_bar_time, bars_to_outcome, return, r_multiple, mfe_atr, mae_atr, fwd_return_1, fwd_return_5,
             fwd_return_n, available_at
      from labels order by detection_id`;
    expect([...stored]).toEqual([...newLabels].sort((a, b) => a.detection_id - b.detection_id));
  });

  it('bulk reads answer per series, in request order', async () => {
    const t0 = 20100 * DAY;
    const cols = (n: number, base: number) => ({
      time: Array.from({ length: n }, (_, i) => t0 + i * DAY),
      open: Array.from({ length: n }, (_, i) => base + i + 0.1),
      high: Array.from({ length: n }, (_, i) => base + i + 0.9),
      low: Array.from({ length: n }, (_, i) => base + i),
      close: Array.from({ length: n }, (_, i) => base + i + 0.5),
      volume: Array.from({ length: n }, (_, i) => 1000 + i),
    });
    await bars.insertBars(db.sql, 'CCC', '1d', 'csv', cols(10, 50));
    await bars.insertBars(db.sql, 'DDD', '1d', 'synthetic', cols(3, 7));
    const got = await bars.readLatestMany(db.sql, [
      { symbol: 'DDD', timeframe: '1d', to: t0 + 100 * DAY, limit: 5 },
      { symbol: 'NONE', timeframe: '1d', to: t0 + 100 * DAY, limit: 5 },
      { symbol: 'CCC', timeframe: '1d', to: t0 + 8 * DAY, limit: 4 },
    ]);
    for (const [i, want] of [
      await bars.readLatest(db.sql, 'DDD', '1d', t0 + 100 * DAY, 5),
      await bars.readLatest(db.sql, 'NONE', '1d', t0 + 100 * DAY, 5),
      await bars.readLatest(db.sql, 'CCC', '1d', t0 + 8 * DAY, 4),
    ].entries()) {
      const { length, provider, ...columns } = got[i];
      expect(length).toBe(want.time.length);
      expect(provider).toBe(want.provider);
      for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
        expect([...columns[k]]).toEqual(want[k]);
    }

    await scans.markSeriesMany(db.sql, [
      { symbol: 'CCC', timeframe: '1d', lastBar: new Date(t0 + 5 * DAY), backfilled: true },
      { symbol: 'DDD', timeframe: '1d', lastBar: new Date(t0 + 2 * DAY), backfilled: false },
    ]);
    // The cursor never moves backwards.
    await scans.markSeriesMany(db.sql, [{ symbol: 'CCC', timeframe: '1d', lastBar: new Date(t0), backfilled: true }]);
    const states = await scans.getSeriesMany(db.sql, [
      { symbol: 'DDD', timeframe: '1d' },
      { symbol: 'CCC', timeframe: '1d' },
      { symbol: 'CCC', timeframe: '1h' },
    ]);
    expect(states.map((s) => [s.symbol, s.last_detected_bar?.getTime(), s.backfilled_at !== null]).sort()).toEqual([
      ['CCC', t0 + 5 * DAY, true],
      ['DDD', t0 + 2 * DAY, false],
    ]);
  });
});
