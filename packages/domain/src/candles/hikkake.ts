import { type CandleKernel, candleFunction } from './candle-function';
import type { CandleContext } from './geometry';
import { averageSeries, NEAR } from './settings';

// Hikkake: an inside bar followed by a false breakout (±100), confirmed (±200) when a close within 3 bars crosses
// the inside bar's opposite extreme. The state (last pattern bar) is primed over the 3 bars before the first output,
// exactly as TA-Lib does, so the first outputs can be confirmations of earlier patterns.

/**
 * Tells whether bar i completes a pattern (±100) or 0; `near` holds the Near averages (modified hikkake only),
 * passed whole because a double argument to a call that is not inlined is boxed on the heap.
 */
type Detect = (c: CandleContext, i: number, near: Float64Array) => number;

/** What plain hikkake, which judges no Near, passes as `near`. */
const NO_AVERAGES = new Float64Array(0);

function hikkakeKernel(detect: Detect, usesNear: boolean): CandleKernel {
  return (c, start) => {
    const { high, low, close } = c;
    // Modified hikkake judges the bar before the inside bar (i-2) for "near", from the first primed bar on.
    const near = usesNear ? averageSeries(c, NEAR, start - 5) : NO_AVERAGES;
    // The pattern bar is kept as a bar index: a sliding context moves its columns between calls.
    let patternBar = 0;
    let patternResult = 0;
    const scan = (out: Int16Array | null, from: number, to: number): void => {
      const offset = c.offset;
      for (let i = from; i < to; i++) {
        const found = detect(c, i, near);
        let v = 0;
        if (found !== 0) {
          patternResult = found;
          patternBar = i + offset;
          v = found;
        } else if (
          i + offset <= patternBar + 3 &&
          ((patternResult > 0 && close[i] > high[patternBar - offset - 1]) ||
            (patternResult < 0 && close[i] < low[patternBar - offset - 1]))
        ) {
          v = patternResult + (patternResult > 0 ? 100 : -100);
          patternBar = 0;
        }
        if (out !== null) out[i] = v;
      }
    };
    scan(null, start - 3 - c.offset, start - c.offset);
    return scan;
  };
}

/** Inside bar (i-1 inside i-2), then bar i breaking below it (+100: a false breakdown) or above it (-100). */
function falseBreakout(c: CandleContext, i: number): number {
  const { high, low } = c;
  if (!(high[i - 1] < high[i - 2] && low[i - 1] > low[i - 2])) return 0;
  if (high[i] < high[i - 1] && low[i] < low[i - 1]) return 100;
  if (high[i] > high[i - 1] && low[i] > low[i - 1]) return -100;
  return 0;
}

export const CDLHIKKAKE = candleFunction('CDLHIKKAKE', 5, hikkakeKernel(falseBreakout, false));

/**
 * Modified hikkake: i-2 inside i-3 and i-1 inside i-2, i-2 closing near its low (bullish) or high (bearish),
 * then the false breakout at i.
 */
export const CDLHIKKAKEMOD = candleFunction(
  'CDLHIKKAKEMOD',
  Math.max(1, NEAR.period) + 5,
  hikkakeKernel((c, i, near) => {
    const { high, low, close } = c;
    if (!(high[i - 2] < high[i - 3] && low[i - 2] > low[i - 3])) return 0;
    if (!(high[i - 1] < high[i - 2] && low[i - 1] > low[i - 2])) return 0;
    if (high[i] < high[i - 1] && low[i] < low[i - 1] && close[i - 2] <= low[i - 2] + near[i - 2]) return 100;
    if (high[i] > high[i - 1] && low[i] > low[i - 1] && close[i - 2] >= high[i - 2] - near[i - 2]) return -100;
    return 0;
  }, true),
);
