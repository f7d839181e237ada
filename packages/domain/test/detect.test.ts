import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateBars,
  type BarSeries,
  CANDLE_FUNCTIONS,
  computeIndicators,
  countCandleOutputs,
  countReferenceIndicators,
  detectAll,
  sliceBars,
  TWEEZERS,
} from '../src';
import { randomWalk } from './fixtures';
import { firstMismatch, loadReference, referenceNames } from './reference';

describe('detectAll', () => {
  it('returns every candle function and the TA-Lib indicators of the reference on hour-SPY', () => {
    const ref = loadReference('hour-SPY');
    const { candles, indicators } = detectAll(ref.bars);
    expect([...candles.keys()]).toEqual([...CANDLE_FUNCTIONS, ...TWEEZERS].map((f) => f.name));
    for (const fn of CANDLE_FUNCTIONS) {
      const raw = Array.from(candles.get(fn.name)!, (v, i) => (i < fn.lookback ? Number.NaN : v));
      const mismatch = firstMismatch(raw, ref.functions[fn.name]);
      expect(mismatch, `${fn.name} on hour-SPY: ${mismatch}`).toBeNull();
    }
    expect(firstMismatch(indicators.rsi14, ref.functions.RSI14)).toBeNull();
  });

  it('is prefix invariant for candles, indicators and chart patterns together', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 250, maxLength: 450 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, cut) => {
          const bars = randomWalk(steps);
          const k = Math.floor(cut * bars.length);
          const whole = detectAll(bars);
          const prefix = detectAll(sliceBars(bars, 0, k));
          for (const [name, raw] of prefix.candles) expect(raw, name).toEqual(whole.candles.get(name)!.subarray(0, k));
          for (const [key, column] of Object.entries(prefix.indicators)) {
            expect(column, key).toEqual(whole.indicators[key as keyof typeof whole.indicators].subarray(0, k));
          }
          expect(prefix.chart).toEqual(whole.chart.filter((d) => d.barIndex < k));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('returns null indicators, no candle before its lookback and no chart detection on empty and short series', () => {
    for (let n = 0; n <= 12; n++) {
      const bars = n === 0 ? allocateBars(0) : randomWalk(Array.from({ length: n }, (_, i) => (i % 3) - 1));
      const { candles, indicators, chart } = detectAll(bars);
      for (const [key, column] of Object.entries(indicators)) {
        if (key === 'obv') continue; // OBV is defined from bar 0
        expect(Array.from(column).every(Number.isNaN), `${key} with ${n} bars`).toBe(true);
      }
      for (const fn of [...CANDLE_FUNCTIONS, ...TWEEZERS]) {
        const early = candles.get(fn.name)!.subarray(0, fn.lookback);
        expect(
          early.every((v) => v === 0),
          `${fn.name} with ${n} bars`,
        ).toBe(true);
      }
      expect(chart).toEqual([]);
    }
  });
});

describe('countCandleOutputs', () => {
  const functions = [...CANDLE_FUNCTIONS, ...TWEEZERS];
  /** What the block-by-block counts must equal: the non-zero values of each whole-series column. */
  const columnCounts = (bars: BarSeries) =>
    functions.map((fn) => fn.compute(bars).reduce((k, v, i) => k + (i >= fn.lookback && v !== 0 ? 1 : 0), 0));

  it.each(referenceNames())('equals the whole-series columns on %s', (name) => {
    const { bars } = loadReference(name);
    expect(countCandleOutputs(bars, functions)).toEqual(columnCounts(bars));
  });

  it('equals them on short series and on series ending around a block boundary', () => {
    const walk = randomWalk(Array.from({ length: 4200 }, (_, i) => Math.sin(i * 0.7) * 2));
    for (const n of [0, 1, 5, 11, 14, 15, 2047, 2048, 2049, 2063, 4096, 4111, 4200]) {
      const bars = sliceBars(walk, 0, n);
      expect(countCandleOutputs(bars, functions), `${n} bars`).toEqual(columnCounts(bars));
    }
  });
});

describe('countReferenceIndicators', () => {
  it.each(['hour-SPY', 'daily-IBM'])('matches computeIndicators on %s, counts and chart columns', (name) => {
    const { bars } = loadReference(name);
    const full = computeIndicators(bars);
    const { chart, counts } = countReferenceIndicators(bars);
    for (const [key, count] of Object.entries(counts)) {
      const column = full[key as keyof typeof full];
      expect(count, key).toBe(column.filter((v) => !Number.isNaN(v)).length);
    }
    for (const [key, column] of Object.entries(chart)) expect(column, key).toEqual(full[key as keyof typeof full]);
  });
});
