import type { BarSeries } from './bars';
import { CANDLE_FUNCTIONS, candleContext, TWEEZERS } from './candles';
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
