import { describe, expect, it } from 'vitest';
import { allocateBars, type BarSeries } from '../../src/bars';
import { tripleBarrierLabel } from '../../src/labeling';

/** Bars from [open, high, low, close] rows. */
function series(rows: [number, number, number, number][]): BarSeries {
  const bars = allocateBars(rows.length);
  rows.forEach(([o, h, l, c], i) => {
    bars.time[i] = i * 86_400_000;
    bars.open[i] = o;
    bars.high[i] = h;
    bars.low[i] = l;
    bars.close[i] = c;
  });
  return bars;
}

const flat = (p: number): [number, number, number, number] => [p, p + 0.5, p - 0.5, p];

describe('tb-1 triple barrier', () => {
  it('is pending until bar tc+N exists, even when a barrier was hit earlier', () => {
    const bars = series([flat(100), [100, 103, 99.5, 102.5], flat(102)]);
    expect(tripleBarrierLabel(bars, 0, 1, 1, 3)).toBeNull();
    expect(tripleBarrierLabel(bars, 0, 1, 1, 2)?.outcome).toBe('win');
  });

  it('long win exits at the take-profit barrier on the entry bar', () => {
    const bars = series([flat(100), [100, 103, 99.5, 102.5], flat(102), flat(102)]);
    const l = tripleBarrierLabel(bars, 0, 1, 1, 3);
    expect(l).toMatchObject({ outcome: 'win', entryPrice: 100, exitPrice: 102, exitIndex: 1, barsToOutcome: 1 });
    expect(l?.rMultiple).toBeCloseTo(2);
    expect(l?.mfeAtr).toBeCloseTo(3);
    expect(l?.maeAtr).toBeCloseTo(0.5);
    expect(l?.availableIndex).toBe(3);
  });

  it('stop first when both barriers are hit in one bar; a gap through the stop fills at the open', () => {
    const both = series([flat(100), [100, 103, 98, 101], flat(101), flat(101)]);
    expect(tripleBarrierLabel(both, 0, 1, 1, 3)).toMatchObject({ outcome: 'loss', exitPrice: 99 });
    const gap = series([flat(100), flat(100), [97, 97.5, 96, 97], flat(97)]);
    const l = tripleBarrierLabel(gap, 0, 1, 1, 3);
    expect(l).toMatchObject({ outcome: 'loss', exitPrice: 97, exitIndex: 2 });
    expect(l?.rMultiple).toBeCloseTo(-3);
  });

  it('short barriers mirror the long ones', () => {
    const bars = series([flat(100), [100, 100.4, 97.5, 98], flat(98), flat(98)]);
    const l = tripleBarrierLabel(bars, 0, -1, 1, 3);
    expect(l).toMatchObject({ outcome: 'win', exitPrice: 98 });
    expect(l?.return).toBeCloseTo(0.02);
  });

  it('times out at the close of bar tc+N and records forward returns', () => {
    const bars = series([flat(100), flat(100), flat(100.2), [100.2, 100.6, 100, 100.5], flat(100), flat(100.1)]);
    const l = tripleBarrierLabel(bars, 0, 1, 1, 5);
    expect(l).toMatchObject({ outcome: 'timeout', exitPrice: 100.1, exitIndex: 5, barsToOutcome: 5 });
    expect(l?.fwdReturn1).toBeCloseTo(0);
    expect(l?.fwdReturnN).toBeCloseTo(0.001);
  });

  it('zero ATR is invalid', () => {
    const bars = series([flat(100), flat(100), flat(100)]);
    expect(tripleBarrierLabel(bars, 0, 1, 0, 2)).toMatchObject({ outcome: 'invalid', reason: 'zero_atr' });
  });
});
