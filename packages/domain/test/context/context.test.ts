import { describe, expect, it } from 'vitest';
import { computeIndicators, contextAt, toDetectionEvents, trendAt } from '../../src';
import { loadReference } from '../reference';

const { bars } = loadReference('daily-SPY');
const ind = computeIndicators(bars);

describe('contextAt (spec §5.1)', () => {
  it.each([300, 1234, 5000, bars.length - 1])('matches the definitions at bar %i', (t) => {
    const ctx = contextAt(bars, ind, t);
    const a = ind.atr14[t];
    const slope = (ind.ema20[t] - ind.ema20[t - 5]) / (5 * a);
    expect(ctx.ema20_slope_atr).toBeCloseTo(slope, 12);
    expect(ctx.adx).toBe(ind.adx14[t]);
    expect(ctx.volume_z).toBe(ind.volz20[t]);
    const ratios = Array.from({ length: 100 }, (_, k) => ind.atr14[t - 99 + k] / bars.close[t - 99 + k]);
    expect(ctx.volatility_pct).toBe(ratios.filter((r) => r <= a / bars.close[t]).length / 100);
    const high = Math.max(...bars.high.subarray(t - 49, t + 1));
    const low = Math.min(...bars.low.subarray(t - 49, t + 1));
    expect(ctx.dist_high_atr).toBeCloseTo((high - bars.close[t]) / a, 12);
    expect(ctx.dist_low_atr).toBeCloseTo((bars.close[t] - low) / a, 12);
    const expectedTrend = ind.adx14[t] >= 20 ? (slope > 0.05 ? 'up' : slope < -0.05 ? 'down' : 'flat') : 'flat';
    expect(ctx.trend).toBe(expectedTrend);
  });

  it('is null, not NaN, where the inputs are not defined yet', () => {
    const ctx = contextAt(bars, ind, 10);
    expect(ctx).toEqual({
      ema20_slope_atr: null,
      trend: 'flat',
      adx: null,
      volume_z: null,
      volatility_pct: null,
      dist_high_atr: null,
      dist_low_atr: null,
    });
  });

  it('computes VOLZ20 from the 20 previous volumes, population sigma', () => {
    const t = 777;
    const prev = Array.from(bars.volume.subarray(t - 20, t));
    const mean = prev.reduce((s, v) => s + v, 0) / 20;
    const sigma = Math.sqrt(prev.reduce((s, v) => s + (v - mean) ** 2, 0) / 20);
    expect(ind.volz20[t]).toBeCloseTo((bars.volume[t] - mean) / sigma, 12);
  });
});

describe('toDetectionEvents (spec §3.5)', () => {
  const trended = Array.from({ length: bars.length }, (_, t) => t).filter((t) => t > 100 && trendAt(ind, t) !== 'flat');
  const flat = Array.from({ length: bars.length }, (_, t) => t).filter((t) => t > 100 && trendAt(ind, t) === 'flat');

  function raw(values: [number, number][]): Int16Array {
    const out = new Int16Array(bars.length);
    for (const [t, v] of values) out[t] = v;
    return out;
  }

  it('turns each non-zero bar into an event with strength |raw|/100 capped at 1 and a bull/bear key', () => {
    const events = toDetectionEvents(
      'CDLENGULFING',
      raw([
        [200, 100],
        [300, -80],
        [400, 0],
      ]),
      ind,
    );
    expect(events).toEqual([
      {
        patternId: 'cdl_engulfing',
        patternKey: 'cdl_engulfing:bull',
        direction: 1,
        barIndex: 200,
        raw: 100,
        strength: 1,
      },
      {
        patternId: 'cdl_engulfing',
        patternKey: 'cdl_engulfing:bear',
        direction: -1,
        barIndex: 300,
        raw: -80,
        strength: 0.8,
      },
    ]);
  });

  it('counts Hikkake only on its confirmation (±200) bars', () => {
    for (const name of ['CDLHIKKAKE', 'CDLHIKKAKEMOD']) {
      const events = toDetectionEvents(
        name,
        raw([
          [200, 100],
          [202, 200],
          [300, -100],
          [301, -200],
        ]),
        ind,
      );
      expect(events.map((e) => [e.barIndex, e.direction, e.strength])).toEqual([
        [202, 1, 1],
        [301, -1, 1],
      ]);
    }
  });

  it('reads neutral candles against the trend and skips them in a flat market', () => {
    const t = trended[0];
    const events = toDetectionEvents(
      'CDLDOJI',
      raw([
        [t, 100],
        [flat[0], 100],
      ]),
      ind,
    );
    expect(events).toHaveLength(1);
    expect(events[0].direction).toBe(trendAt(ind, t) === 'up' ? -1 : 1);
  });

  it('uses the fixed direction where TA-Lib’s sign disagrees (gravestone doji is bearish)', () => {
    const events = toDetectionEvents('CDLGRAVESTONEDOJI', raw([[500, 100]]), ind);
    expect(events[0]).toMatchObject({ direction: -1, patternKey: 'cdl_gravestonedoji:bear' });
  });

  it('handles the tweezers and rejects names that are no candle function', () => {
    expect(toDetectionEvents('TX_TWEEZER_TOP', raw([[500, -100]]), ind)[0].patternKey).toBe('tx_tweezer_top:bear');
    expect(() => toDetectionEvents('golden_cross', raw([]), ind)).toThrow(/unknown candle function/);
  });

  it('restricts events to bars [from, to)', () => {
    const events = toDetectionEvents(
      'CDLHAMMER',
      raw([
        [100, 100],
        [200, 100],
        [300, 100],
      ]),
      ind,
      150,
      300,
    );
    expect(events.map((e) => e.barIndex)).toEqual([200]);
  });
});
