import type { BarSeries } from '../bars';
import { type CandleContext, candleContext } from './geometry';

export interface CandleFunction {
  /** TA-Lib name, e.g. 'CDLHAMMER'. */
  readonly name: string;
  /** First index with a value (TA-Lib lookback with default settings). */
  readonly lookback: number;
  /**
   * One value per bar; indices before `lookback` are 0 (callers treat them as null). Pass `ctx` (from
   * `candleContext(bars)`) to share the per-bar geometry when running several functions over one series.
   */
  compute(bars: BarSeries, out?: Int16Array, ctx?: CandleContext): Int16Array;
}

/** Writes outputs for bars start..length-1; `start` is the lookback and never exceeds length - 1. */
export type CandleKernel = (c: CandleContext, out: Int16Array, start: number) => void;

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
      kernel(ctx ?? candleContext(bars), result, lookback);
      return result;
    },
  };
}
