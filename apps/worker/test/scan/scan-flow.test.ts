import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, type ScanHarness, scanHarness } from './harness';

/** Synthetic feed, registry symbols plus one the provider does not know. */
describe('scan cycle (synthetic feed, in-process worker)', () => {
  let h: ScanHarness;
  beforeAll(async () => {
    h = await scanHarness(
      { MARKET_DATA_PROVIDERS: 'synthetic' },
      { symbols: ['AAPL', 'MSFT', 'BTC-USD', 'ZZZZQ'], timeframes: ['1d'] },
    );
  }, 120_000);
  afterAll(async () => h?.close());

  it('backfills, detects and labels history, and reports a failing symbol while the others complete', async () => {
    const scan = await h.cycle('first');
    expect(scan.status).toBe('partial');
    expect(scan.errors_count).toBe(1);
    const results = scan.results as { symbol: string; status: string; message: string | null; price: number | null }[];
    expect(results.find((r) => r.symbol === 'ZZZZQ')).toMatchObject({ status: 'error', price: null });
    for (const s of ['AAPL', 'MSFT', 'BTC-USD']) {
      expect(results.find((r) => r.symbol === s)?.status).not.toBe('error');
      expect(results.find((r) => r.symbol === s)?.price).toBeGreaterThan(0);
    }
    const c = await counts(h.db);
    expect(c.detections).toBeGreaterThan(100);
    expect(c.labels).toBeGreaterThan(50);
    // Every stored detection's confidence is its prior, with the evidence behind it stored.
    const [bad] = await h.db.sql`
      select count(*)::int as n from detections
      where abs(confidence - (prior_w + prior_a) / (prior_n + prior_a + prior_b)) > 1e-12`;
    expect(bad.n).toBe(0);
    const [withEvidence] = await h.db.sql`select count(*)::int as n from detections where prior_n > 0`;
    expect(withEvidence.n).toBeGreaterThan(0);
  }, 120_000);

  it('scanning the same closed bars again adds no detection, label or alert', async () => {
    const before = await counts(h.db);
    const scan = await h.cycle('second');
    expect(scan.patterns_found).toBe(0);
    expect(await counts(h.db)).toEqual(before);
  }, 120_000);
});
