import { detections, labels } from '@tx/db';
import { EvidenceIndex, LABEL_VERSION } from '@tx/domain';
import { createTestDatabase, type TestDatabase } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceCache } from '../../src/scan/evidence-cache';

const DAY = 86_400_000;
const KEYS = ['double_top:bear', 'cdl_doji:bull', 'rsi_oversold:bull'];

let db: TestDatabase;
let day = 0;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** Stores `n` labelled detections of the 1d equity pool, deterministic outcomes, available at scattered times. */
async function label(n: number, availableFrom: number) {
  const rows = Array.from({ length: n }, (_, i) => {
    day += 1;
    return {
      symbol: 'EVD',
      timeframe: '1d',
      asset_class: 'equity',
      pattern_id: KEYS[i % 3].split(':')[0],
      pattern_key: KEYS[i % 3],
      family: 'chart' as const,
      raw: null,
      direction: 1 as const,
      strength: 1,
      bar_time: new Date(day * DAY),
      confirmed_at: new Date((day + 1) * DAY),
      price: 100,
      volume: 0,
      atr: 1,
      context: {},
      confidence: 0.5,
      confidence_source: 'prior' as const,
      model_key: null,
      model_version: null,
      prior_w: 0,
      prior_n: 0,
      prior_a: 5,
      prior_b: 5,
      detector_version: 'det-1',
      window_start: new Date(0),
      provider: 'synthetic',
      backfill: true,
      source: 'scan' as const,
    };
  });
  const stored = await detections.insertDetections(db.sql, rows);
  await labels.insertLabels(
    db.sql,
    stored.map((d, i) => ({
      detection_id: d.id,
      label_version: LABEL_VERSION,
      pattern_key: d.pattern_key,
      timeframe: '1d',
      asset_class: 'equity',
      outcome: (['win', 'loss', 'timeout', 'invalid'] as const)[(i * 7) % 4],
      reason: null,
      entry_price: null,
      exit_price: null,
      exit_bar_time: null,
      bars_to_outcome: null,
      return: null,
      r_multiple: null,
      mfe_atr: null,
      mae_atr: null,
      fwd_return_1: null,
      fwd_return_5: null,
      fwd_return_n: null,
      available_at: new Date(availableFrom + ((i * 37) % n) * DAY),
    })),
  );
}

/** The index built from every stored label as objects (the reference the cache must agree with). */
async function reference() {
  const rows = await db.sql<{ pattern_key: string; at: number; outcome: string }[]>`
    select pattern_key, (extract(epoch from available_at) * 1000)::float8 as at, outcome from labels
    where outcome <> 'invalid'`;
  return new EvidenceIndex(
    rows.map((r) => ({ patternKey: r.pattern_key, availableAt: r.at, win: r.outcome === 'win' })),
  );
}

describe('evidence cache', () => {
  it('agrees with an index of every stored label, also after top-ups available earlier than loaded ones', async () => {
    const cache = new EvidenceCache(db.sql, 0);
    expect((await cache.index('1d', 'equity')).at(KEYS[0], 1e15)).toEqual({ wins: 0, n: 0, pooledWins: 0, pooledN: 0 });
    const other = await new EvidenceCache(db.sql).index('1d', 'crypto');
    // Each batch tops the cache up; the later ones hold labels available before the ones already loaded.
    for (const [n, from] of [
      [90, 400],
      [60, 300],
      [45, 350],
    ]) {
      await label(n, from * DAY);
      const [got, want] = [await cache.index('1d', 'equity'), await reference()];
      for (let t = 250 * DAY; t <= 520 * DAY; t += 7 * DAY) {
        for (const key of [...KEYS, 'never_seen:bull']) {
          expect(got.at(key, t), `${key} at day ${t / DAY}`).toEqual(want.at(key, t));
          expect(other.at(key, t).pooledN).toBe(0);
        }
      }
    }
  });
});
