import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBars, type BarSeries, computeIndicators, detectChartPatterns, sliceBars } from '../../src';
import { randomWalk } from '../fixtures';

/**
 * Every bar moves by at least 0.02%: TA-Lib's absolute epsilons (variance or gain+loss below 1e-14 count as zero)
 * break scale invariance on windows of nearly constant prices, which markets do not produce.
 */
const step = fc
  .tuple(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.boolean())
  .map(([size, down]) => (down ? -size : size));
const walk = fc.array(step, { minLength: 260, maxLength: 600 });

function detect(bars: BarSeries) {
  return detectChartPatterns(bars, computeIndicators(bars));
}

function scaled(bars: BarSeries, factor: number): BarSeries {
  const out = allocateBars(bars.length);
  out.time.set(bars.time);
  out.volume.set(bars.volume);
  for (const key of ['open', 'high', 'low', 'close'] as const) {
    for (let i = 0; i < bars.length; i++) out[key][i] = bars[key][i] * factor;
  }
  return out;
}

describe('chart pattern invariants', () => {
  it('prefix invariance: detections confirmed by bar k are the same on bars[0..k] as on the whole series', () => {
    fc.assert(
      fc.property(walk, fc.double({ min: 0, max: 1, noNaN: true }), (steps, cut) => {
        const bars = randomWalk(steps);
        const k = Math.floor(cut * bars.length);
        const whole = detect(bars).filter((d) => d.barIndex < k);
        expect(detect(sliceBars(bars, 0, k))).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('scale invariance: multiplying prices by a power of two changes no detection', () => {
    fc.assert(
      fc.property(walk, fc.integer({ min: -6, max: 6 }), (steps, power) => {
        const bars = randomWalk(steps);
        expect(detect(scaled(bars, 2 ** power))).toEqual(detect(bars));
      }),
      { numRuns: 40 },
    );
  });

  it('random walks do produce chart detections (the invariants are not vacuous)', () => {
    const steps = Array.from({ length: 3000 }, (_, i) => Math.sin(i * 0.37) * 2 + Math.sin(i * 0.05) * 1.5);
    const ids = new Set(detect(randomWalk(steps)).map((d) => d.patternId));
    expect(ids.size).toBeGreaterThan(5);
  });

  it('empty and short series give no detections and do not throw', () => {
    for (let n = 0; n < 30; n++) {
      expect(detect(randomWalk(Array.from({ length: n }, () => 1)))).toEqual([]);
    }
  });
});
