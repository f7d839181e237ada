import { candleFunction } from './candle-function';
import type { CandleContext } from './geometry';
import { average, column, EQUAL, initialTotal } from './settings';

// TX extension (domain spec §3.4; TA-Lib has none): a two-candle reversal whose extremes match (within Equal)
// at a 10-bar extreme.

/** Bars before the pair that it must be the extreme of: i-10..i-2. */
const WINDOW = 9;
const LOOKBACK = WINDOW + 1;

function tweezer(bottom: boolean) {
  return (c: CandleContext, out: Int16Array, start: number): void => {
    const { high, low, color } = c;
    const eq = column(c, EQUAL);
    const p = EQUAL.period;
    const edge = bottom ? low : high;
    const first = bottom ? -1 : 1;
    let t = initialTotal(eq, EQUAL, start - 1);
    for (let i = start; i < c.length; i++) {
      let v = 0;
      if (
        color[i - 1] === first &&
        color[i] === -first &&
        Math.abs(edge[i] - edge[i - 1]) <= average(EQUAL, t, eq[i - 1])
      ) {
        // Only the rare candidates pay for the window scan.
        const e = edge[i - 1];
        let extreme = true;
        for (let m = i - LOOKBACK; m <= i - 2 && extreme; m++) extreme = bottom ? e <= edge[m] : e >= edge[m];
        if (extreme) v = -first * 100;
      }
      out[i] = v;
      t += eq[i - 1] - eq[i - 1 - p];
    }
  };
}

/** Black then white with matching lows (within Equal of the range average) at a 10-bar low: +100. */
export const TX_TWEEZER_BOTTOM = candleFunction('TX_TWEEZER_BOTTOM', LOOKBACK, tweezer(true));

/** White then black with matching highs at a 10-bar high: -100. */
export const TX_TWEEZER_TOP = candleFunction('TX_TWEEZER_TOP', LOOKBACK, tweezer(false));
