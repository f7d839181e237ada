/**
 * A bar series as columns. Hot loops read typed arrays, never arrays of objects (GUIDE: performance habits).
 * `time` is each bar's open time in epoch milliseconds, ascending.
 */
export interface BarSeries {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function allocateBars(length: number): BarSeries {
  return {
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** The first `n` bars as a view (no copy): used for prefix-invariance checks and rolling windows. */
export function sliceBars(bars: BarSeries, start: number, end: number): BarSeries {
  return {
    length: end - start,
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  };
}
