import type { BarSeries } from '../bars';
import { type CandleContext, candleContext } from './geometry';

export interface CandleFunction {
  /** TA-Lib name, e.g. 'CDLHAMMER'. */
  readonly name: string;
  /** First index with a value (TA-Lib lookback with default settings). */
  readonly lookback: number;
  /**
   * One value per bar; indices before `lookback` are 0 (callers treat them as null). Pass `ctx` (from
   * `candleContext(bars)`) to share the per-bar geometry and averages when running several functions over one series.
   */
  compute(bars: BarSeries, out?: Int16Array, ctx?: CandleContext): Int16Array;
  /**
   * The function prepared for a context whose series is longer than `lookback` (a `CandleWindow` on its first
   * block): the returned scan writes the outputs at column indices [from, to), and must be called with consecutive
   * ranges starting at the lookback. Lets a caller run every function block by block while the block is in cache.
   */
  prepare(ctx: CandleContext): CandleScan;
}

export type CandleScan = (out: Int16Array, from: number, to: number) => void;

/**
 * Prepares a function for one context: fetches the shared averages it judges with (`averageSeries` from bar
 * `start`, the lookback, minus each candle's position) and returns its scan. Any state a scan keeps lives in the
 * closure, so consecutive calls continue where the last one stopped.
 */
export type CandleKernel = (c: CandleContext, start: number) => CandleScan;

export function candleFunction(name: string, lookback: number, kernel: CandleKernel): CandleFunction {
  return {
    name,
    lookback,
    compute(bars: BarSeries, out?: Int16Array, ctx?: CandleContext): Int16Array {
      const n = bars.length;
      const result = out ?? new Int16Array(n);
      if (result.length !== n) throw new RangeError(`${name}: output length ${result.length} != ${n} bars`);
      if (ctx !== undefined && ctx.length !== n) throw new RangeError(`${name}: context is for another series`);
      if (n <= lookback) {
        result.fill(0);
        return result;
      }
      result.fill(0, 0, lookback);
      kernel(ctx ?? candleContext(bars), lookback)(result, lookback, n);
      return result;
    },
    prepare(ctx: CandleContext): CandleScan {
      if (ctx.length <= lookback) throw new RangeError(`${name}: ${ctx.length} bars, lookback ${lookback}`);
      return kernel(ctx, lookback);
    },
  };
}
