import type { BarSeries } from './bars';
import { CANDLE_FUNCTIONS, type CandleFunction, CandleWindow, candleContext, TWEEZERS } from './candles';
import { computeIndicators, type Indicators } from './indicators';
import { type ChartDetection, detectChartPatterns } from './patterns';

export interface Detections {
  readonly indicators: Indicators;
  /** Raw output per candle function (the 61 TA-Lib names, then the tweezers), one value per bar. */
  readonly candles: ReadonlyMap<string, Int16Array>;
  readonly chart: readonly ChartDetection[];
}

/**
 * Everything detected over a series: indicators and the per-bar candle geometry are computed once and shared by
 * all candle functions and chart rules.
 */
export function detectAll(bars: BarSeries): Detections {
  const indicators = computeIndicators(bars);
  const geometry = candleContext(bars);
  const candles = new Map<string, Int16Array>();
  for (const fn of [...CANDLE_FUNCTIONS, ...TWEEZERS]) candles.set(fn.name, fn.compute(bars, undefined, geometry));
  return { indicators, candles, chart: detectChartPatterns(bars, indicators) };
}

/** Bars per block in `countCandleOutputs`: a block's columns and averages stay in the CPU cache across functions. */
const BLOCK = 2048;

/**
 * Non-zero outputs of each of `functions` from its lookback on (the count of its --json column), without keeping any
 * column: every function scans one block of bars before the next block is loaded.
 */
export function countCandleOutputs(bars: BarSeries, functions: readonly CandleFunction[]): number[] {
  const n = bars.length;
  const counts = functions.map(() => 0);
  if (n === 0) return counts;
  const window = new CandleWindow(bars, BLOCK);
  const c = window.ctx;
  window.load(0);
  const scans = functions.map((fn) => (n > fn.lookback ? fn.prepare(c) : null));
  const out = new Int16Array(c.body.length);
  for (let base = 0; base < n; base += BLOCK) {
    if (base > 0) window.load(base);
    for (let f = 0; f < functions.length; f++) {
      const scan = scans[f];
      const from = Math.max(base, functions[f].lookback) - c.offset;
      const to = c.end - c.offset;
      if (scan === null || from >= to) continue;
      scan(out, from, to);
      counts[f] += countNonZero(out, from, to);
    }
  }
  return counts;
}

function countNonZero(values: Int16Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i] !== 0) count++;
  return count;
}
