import type { BarSeries } from './bars';
import { CANDLE_FUNCTIONS, type CandleContext, type CandleFunction, candleContext, TWEEZERS } from './candles';
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

/**
 * Runs `functions` over one shared output buffer, handing each result to `visit` before the next function
 * overwrites it: for callers that only summarise each column (counts), 63 columns of 2 MB per million bars are
 * never allocated.
 */
export function eachCandleOutput(
  bars: BarSeries,
  geometry: CandleContext,
  functions: readonly CandleFunction[],
  visit: (fn: CandleFunction, values: Int16Array) => void,
): void {
  const out = new Int16Array(bars.length);
  for (const fn of functions) visit(fn, fn.compute(bars, out, geometry));
}
