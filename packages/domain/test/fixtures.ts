/** Hand-built bar series for pattern tests: piecewise-linear closes, each bar a doji ±0.5 around its close. */
import { allocateBars, type BarSeries } from '../src';

/** Anchors [barIndex, close]; closes are interpolated linearly between consecutive anchors. */
export function pathBars(anchors: [number, number][], halfRange = 0.5): BarSeries {
  const last = anchors[anchors.length - 1][0];
  const bars = allocateBars(last + 1);
  for (let k = 1; k < anchors.length; k++) {
    const [x0, y0] = anchors[k - 1];
    const [x1, y1] = anchors[k];
    for (let x = x0; x <= x1; x++) bars.close[x] = y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  for (let i = 0; i <= last; i++) {
    const c = bars.close[i];
    bars.time[i] = i * 86_400_000;
    bars.open[i] = c; // open = close keeps each turning point a strict pivot
    bars.high[i] = c + halfRange;
    bars.low[i] = c - halfRange;
    bars.volume[i] = 1000;
  }
  return bars;
}

/** The same series upside down (p → 200 - p): every top pattern becomes its bottom mirror. */
export function mirror(bars: BarSeries): BarSeries {
  const out = allocateBars(bars.length);
  for (let i = 0; i < bars.length; i++) {
    out.time[i] = bars.time[i];
    out.open[i] = 200 - bars.open[i];
    out.close[i] = 200 - bars.close[i];
    out.high[i] = 200 - bars.low[i];
    out.low[i] = 200 - bars.high[i];
    out.volume[i] = bars.volume[i];
  }
  return out;
}

/** A seeded random walk with realistic candles (for property tests). */
export function randomWalk(steps: readonly number[], start = 100): BarSeries {
  const bars = allocateBars(steps.length);
  let c = start;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const o = c;
    c = Math.max(1, c * (1 + s / 50));
    bars.time[i] = i * 3_600_000;
    bars.open[i] = o;
    bars.close[i] = c;
    bars.high[i] = Math.max(o, c) * (1 + Math.abs(s) / 200);
    bars.low[i] = Math.min(o, c) * (1 - Math.abs(s * 0.7) / 200);
    bars.volume[i] = 1000 + Math.round(Math.abs(s) * 5000);
  }
  return bars;
}
