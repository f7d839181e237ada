import { describe, expect, it } from 'vitest';
import { CHART_RULES, computeIndicators, detectChartPatterns, type Indicators, REFRACTORY_BARS } from '../../src';
import { loadReference } from '../reference';

/** Spec §4.2 conditions written out again, independently of the rule implementations. */
const conditions: Record<string, (ind: Indicators, close: Float64Array, t: number) => boolean> = {
  golden_cross: (i, _, t) => i.sma50[t] > i.sma200[t] && i.sma50[t - 1] <= i.sma200[t - 1],
  death_cross: (i, _, t) => i.sma50[t] < i.sma200[t] && i.sma50[t - 1] >= i.sma200[t - 1],
  rsi_oversold: (i, _, t) => i.rsi14[t - 1] < 30 && i.rsi14[t] >= 30,
  rsi_overbought: (i, _, t) => i.rsi14[t - 1] > 70 && i.rsi14[t] <= 70,
  macd_bull_cross: (i, _, t) => i.macd[t] > i.macdSignal[t] && i.macd[t - 1] <= i.macdSignal[t - 1],
  macd_bear_cross: (i, _, t) => i.macd[t] < i.macdSignal[t] && i.macd[t - 1] >= i.macdSignal[t - 1],
  bb_breakout_up: (i, c, t) => c[t] > i.bbUpper[t] && c[t - 1] <= i.bbUpper[t - 1],
  bb_breakout_down: (i, c, t) => c[t] < i.bbLower[t] && c[t - 1] >= i.bbLower[t - 1],
};

describe.each(['daily-SPY', 'hour-SPY', 'daily-EURUSD'])('indicator patterns on %s', (name) => {
  const { bars } = loadReference(name);
  const ind = computeIndicators(bars);
  const detections = detectChartPatterns(bars, ind);

  it.each(Object.keys(conditions))(
    '%s fires exactly where its condition holds, outside the refractory period',
    (id) => {
      const expected: number[] = [];
      const lookback = CHART_RULES.find((rule) => rule.id === id)!.lookback;
      for (let t = lookback; t < bars.length; t++) {
        const last = expected[expected.length - 1] ?? Number.NEGATIVE_INFINITY;
        if (t - last > REFRACTORY_BARS && conditions[id](ind, bars.close, t)) expected.push(t);
      }
      const actual = detections.filter((d) => d.patternId === id).map((d) => d.barIndex);
      expect(expected.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    },
  );

  it('gives every detection a strength in [0, 1] and a direction of ±1', () => {
    for (const d of detections) {
      expect(d.strength, `${d.patternId}@${d.barIndex}`).toBeGreaterThanOrEqual(0);
      expect(d.strength, `${d.patternId}@${d.barIndex}`).toBeLessThanOrEqual(1);
      expect([1, -1]).toContain(d.direction);
    }
  });
});

describe('strength formulas', () => {
  const { bars } = loadReference('daily-SPY');
  const ind = computeIndicators(bars);
  const detections = detectChartPatterns(bars, ind);
  const a = ind.atr14;

  it('golden/death cross: SMA50 vs SMA200 change over 10 bars in ATRs', () => {
    for (const d of detections.filter((x) => x.patternId.endsWith('_cross') && !x.patternId.startsWith('macd'))) {
      const t = d.barIndex;
      const diff = ind.sma50[t] - ind.sma50[t - 10] - (ind.sma200[t] - ind.sma200[t - 10]);
      expect(d.strength).toBeCloseTo(Math.min(1, Math.abs(diff) / a[t]), 12);
    }
  });

  it('rsi_oversold: depth of the 10-bar RSI low below 30, in tens', () => {
    for (const d of detections.filter((x) => x.patternId === 'rsi_oversold')) {
      const low = Math.min(...ind.rsi14.subarray(d.barIndex - 10, d.barIndex));
      expect(d.strength).toBeCloseTo(Math.min(1, (30 - low) / 10), 12);
    }
  });
});
