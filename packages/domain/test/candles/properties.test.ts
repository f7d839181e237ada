import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBars, type BarSeries, sliceBars } from '../../src/bars';
import { CANDLE_FUNCTIONS, type CandleFunction, candleContext, TWEEZERS } from '../../src/candles';

const ALL: readonly CandleFunction[] = [...CANDLE_FUNCTIONS, ...TWEEZERS];

/**
 * Random bars on a coarse tick grid around a drifting centre, with many zero shadows, so ties (equal opens/closes,
 * zero bodies), gaps, inside bars and marubozu — the edges the patterns compare on — are common and nearly every
 * pattern fires somewhere.
 */
const shadowArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }));
const barsArb = (maxLength: number, minLength = 0) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: -4, max: 4 }), // centre drift
        fc.integer({ min: -12, max: 12 }), // open offset
        fc.integer({ min: -12, max: 12 }), // close offset
        shadowArb,
        shadowArb,
      ),
      { minLength, maxLength, size: 'max' },
    )
    .map((steps) => {
      const bars = allocateBars(steps.length);
      let centre = 400;
      steps.forEach(([drift, o, c, up, down], i) => {
        centre += drift;
        const open = centre + o;
        const close = centre + c;
        bars.time[i] = i;
        bars.open[i] = open * 0.01;
        bars.close[i] = close * 0.01;
        bars.high[i] = (Math.max(open, close) + up) * 0.01;
        bars.low[i] = (Math.min(open, close) - down) * 0.01;
        bars.volume[i] = 1;
      });
      return bars;
    });

function scaled(bars: BarSeries, k: number): BarSeries {
  const out = allocateBars(bars.length);
  for (const key of ['open', 'high', 'low', 'close'] as const)
    for (let i = 0; i < bars.length; i++) out[key][i] = bars[key][i] * k;
  return out;
}

function firstDifference(a: Int16Array, b: Int16Array, n: number): number {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('candle functions: properties', () => {
  it('never repaint: appending bars leaves earlier outputs unchanged', () => {
    fc.assert(
      fc.property(barsArb(150), fc.nat(), (bars, cut) => {
        const m = bars.length === 0 ? 0 : cut % (bars.length + 1);
        const prefix = sliceBars(bars, 0, m);
        for (const fn of ALL) {
          expect(firstDifference(fn.compute(prefix), fn.compute(bars), m), fn.name).toBe(-1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('are scale-free: multiplying every price by a power of 2 changes no output', () => {
    fc.assert(
      fc.property(barsArb(150), fc.integer({ min: -10, max: 10 }), (bars, e) => {
        const big = scaled(bars, 2 ** e);
        for (const fn of ALL) {
          expect(firstDifference(fn.compute(big), fn.compute(bars), bars.length), fn.name).toBe(-1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('find patterns in the generated bars (so the properties above are not vacuous)', () => {
    const samples = fc.sample(barsArb(150, 150), { numRuns: 100, seed: 1 });
    const silent = ALL.filter((fn) => samples.every((bars) => fn.compute(bars).every((v) => v === 0)));
    expect(silent.length, silent.map((fn) => fn.name).join(' ')).toBeLessThan(10);
  });

  it('return all zeros for empty and too-short series', () => {
    for (const fn of ALL) {
      for (let n = 0; n <= fn.lookback; n++) {
        const bars = fc.sample(barsArb(n, n), { numRuns: 1, seed: n })[0];
        const out = fn.compute(bars);
        expect(out.length, fn.name).toBe(n);
        expect(
          out.every((v) => v === 0),
          `${fn.name} on ${n} bars`,
        ).toBe(true);
      }
    }
  });

  it('zero the lookback prefix of a reused output buffer and reject a wrong-sized one', () => {
    const bars = fc.sample(barsArb(60, 60), { numRuns: 1, seed: 3 })[0];
    const ctx = candleContext(bars);
    for (const fn of ALL) {
      const out = new Int16Array(bars.length).fill(7);
      expect(firstDifference(fn.compute(bars, out, ctx), fn.compute(bars), bars.length), fn.name).toBe(-1);
      expect(() => fn.compute(bars, new Int16Array(bars.length + 1))).toThrow(RangeError);
    }
  });
});
