import type { BarSeries } from './bars';
import { CANDLE_FUNCTIONS, type CandleFunction, CandleWindow, TWEEZERS } from './candles';
import { computeIndicators, type Indicators } from './indicators';
import { type ChartDetection, detectChartPatterns } from './patterns';

export interface Detections {
  readonly indicators: Indicators;
  /** Raw output per candle function (the 61 TA-Lib names, then the tweezers), one value per bar. */
  readonly candles: ReadonlyMap<string, Int16Array>;
  readonly chart: readonly ChartDetection[];
}

/**
 * Everything detected over a series: indicators are computed once and shared by the chart rules; the candle
 * functions run block by block over one sliding geometry (eachCandleBlock), each writing its whole column.
 */
export function detectAll(bars: BarSeries): Detections {
  const indicators = computeIndicators(bars);
  const functions = [...CANDLE_FUNCTIONS, ...TWEEZERS];
  const columns = functions.map(() => new Int16Array(bars.length));
  eachCandleBlock(bars, functions, (f, out, from, to, offset) => columns[f].set(out.subarray(from, to), from + offset));
  const candles = new Map(functions.map((fn, f) => [fn.name, columns[f]]));
  return { indicators, candles, chart: detectChartPatterns(bars, indicators) };
}

/** Bars per block in `eachCandleBlock`: a block's columns and averages stay in the CPU cache across functions. */
const BLOCK = 2048;

/**
 * Runs `functions` over the series one block of bars at a time, every function scanning a block before the next is
 * loaded, so memory stays a few blocks' worth however long the series. `visit(f, out, from, to, offset)` receives
 * function f's outputs at `out[from..to)`, which are bars `from + offset` onward; bars before a function's
 * lookback are never visited (their output is 0).
 */
function eachCandleBlock(
  bars: BarSeries,
  functions: readonly CandleFunction[],
  visit: (f: number, out: Int16Array, from: number, to: number, offset: number) => void,
): void {
  const n = bars.length;
  if (n === 0) return;
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
      visit(f, out, from, to, c.offset);
    }
  }
}

/** Non-zero outputs of each of `functions` from its lookback on (the count of its --json column), keeping no column. */
export function countCandleOutputs(bars: BarSeries, functions: readonly CandleFunction[]): number[] {
  const counts = functions.map(() => 0);
  eachCandleBlock(bars, functions, (f, out, from, to) => {
    counts[f] += countNonZero(out, from, to);
  });
  return counts;
}

function countNonZero(values: Int16Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i] !== 0) count++;
  return count;
}
