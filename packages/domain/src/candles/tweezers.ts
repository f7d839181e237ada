import { type CandleKernel, candleFunction } from './candle-function';
import { averageSeries, EQUAL } from './settings';

// TX extension (domain spec §3.4; TA-Lib has none): a two-candle reversal whose extremes match (within Equal)
// at a 10-bar extreme.

/** Bars before the pair that it must be the extreme of: i-10..i-2. */
const WINDOW = 9;
const LOOKBACK = WINDOW + 1;

function tweezer(bottom: boolean): CandleKernel {
  return (c, start) => {
    const { high, low, color } = c;
    const edge = bottom ? low : high;
    const first = bottom ? -1 : 1;
    const a = averageSeries(c, EQUAL, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        let v = 0;
        if (color[i - 1] === first && color[i] === -first && Math.abs(edge[i] - edge[i - 1]) <= a[i - 1]) {
          // Only the rare candidates pay for the window scan.
          const e = edge[i - 1];
          let extreme = true;
          for (let m = i - LOOKBACK; m <= i - 2 && extreme; m++) extreme = bottom ? e <= edge[m] : e >= edge[m];
          if (extreme) v = -first * 100;
        }
        out[i] = v;
      }
    };
  };
}

/** Black then white with matching lows (within Equal of the range average) at a 10-bar low: +100. */
export const TX_TWEEZER_BOTTOM = candleFunction('TX_TWEEZER_BOTTOM', LOOKBACK, tweezer(true));

/** White then black with matching highs at a 10-bar high: -100. */
export const TX_TWEEZER_TOP = candleFunction('TX_TWEEZER_TOP', LOOKBACK, tweezer(false));
