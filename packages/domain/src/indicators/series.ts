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

/** `column` made ready for reuse as an output that starts at `first` (NaN before it), like `emptySeries`. */
export function reuseSeries(column: Float64Array, first: number): Float64Array {
  return column.fill(Number.NaN, 0, Math.min(first, column.length));
}

/**
 * Series-length columns an indicator may overwrite instead of allocating its outputs: on a million bars a fresh
 * 8 MB column costs more in page faults than most indicators' arithmetic, so callers that only summarise a column
 * before computing the next pass the same scratch to each.
 */
export type Scratch = readonly Float64Array[];

/** Output column `k` starting at `first`: scratch[k] reused when given, else a fresh series. */
export function outputColumn(length: number, scratch?: Scratch): (k: number, first: number) => Float64Array {
  return (k, first) => (scratch === undefined ? emptySeries(length, first) : reuseSeries(scratch[k], first));
}
