import { bars } from '@tx/db';
import { finalWeekdays, randomWalkBars, sliceColumns } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScanHarness, scanHarness } from './harness';

const DAY = 86_400_000;
const BARS = 520;
const NEW = 3;
// More series than one scan-batch job holds, so the cycle spans several batches.
const SYMBOLS = Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const ENV = { MARKET_DATA_PROVIDERS: 'synthetic' };

/** Stores bars [a, b) of every symbol's walk, covered through now (no provider call needed). */
async function store(h: ScanHarness, times: number[], a: number, b: number) {
  for (const [i, symbol] of SYMBOLS.entries()) {
    await bars.insertBars(h.db.sql, symbol, '1d', 'synthetic', sliceColumns(randomWalkBars(i + 1, times), a, b));
    await bars.recordCoverage(h.db.sql, symbol, '1d', {
      provider: 'synthetic',
      from: times[0] - 400 * DAY,
      to: Date.now(),
    });
  }
}

const stored = (h: ScanHarness) => h.db.sql<{ k: string }[]>`
  select d.symbol || '|' || d.pattern_id || '|' || d.bar_time::text || '|' || d.direction || '|' || d.price || '|'
         || d.atr || '|' || coalesce(l.outcome || '@' || l.available_at::text || '@' || l.r_multiple, 'unlabelled') as k
  from detections d left join labels l on l.detection_id = d.id order by k`;

/**
 * Series caught up in batches (bulk reads of state, bars and chart detections; one write each for detections,
 * labels and cursors) end with the same detections and labels as series whose whole history was scanned at once.
 */
describe('catch-up of stored series in batches', () => {
  let reference: ScanHarness;
  let h: ScanHarness;
  const times = finalWeekdays(BARS);

  beforeAll(async () => {
    reference = await scanHarness(ENV, { symbols: SYMBOLS, timeframes: ['1d'] });
    await store(reference, times, 0, BARS);
    await reference.cycle('all');
    h = await scanHarness(ENV, { symbols: SYMBOLS, timeframes: ['1d'] });
    await store(h, times, 0, BARS - NEW);
    await h.cycle('history');
  }, 240_000);
  afterAll(async () => {
    await reference?.close();
    await h?.close();
  });

  it('detects and labels the new bars of every series as a full scan would', async () => {
    const before = await stored(h);
    await store(h, times, BARS - NEW, BARS);
    const scan = await h.cycle('new-bars');
    expect(scan.status).toBe('completed');
    expect(scan.results).toHaveLength(SYMBOLS.length);
    const [{ n }] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from detections where bar_time >= ${new Date(times[BARS - NEW])}`;
    expect(n).toBeGreaterThan(0);
    expect(scan.patterns_found).toBe(n);
    const [got, want] = await Promise.all([stored(h), stored(reference)]);
    expect(got.length).toBeGreaterThan(before.length);
    expect(got).toEqual(want);
    const [cursors] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from scan_series where last_detected_bar = ${new Date(times[BARS - 1])}`;
    expect(cursors.n).toBe(SYMBOLS.length);
  }, 120_000);
});
