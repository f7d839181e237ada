/** TA-Lib's TA_EPSILON: sums and variances closer to zero than this count as zero. */
export const EPSILON = 1e-14;

export function isZero(v: number): boolean {
  return -EPSILON < v && v < EPSILON;
}

/**
 * An output column: NaN marks "no value yet" (before the lookback); JSON output turns it into null. Only indices
 * before `first` are filled, because the indicator writes every later one: filling 8 MB columns twice costs more
 * than some indicators themselves on a million bars.
 */
export function emptySeries(length: number, first = length): Float64Array {
  return new Float64Array(length).fill(Number.NaN, 0, Math.min(first, length));
}
