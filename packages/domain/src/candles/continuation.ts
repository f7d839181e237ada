import { candleFunction } from './candle-function';
import { bodyGapUp } from './geometry';
import { average, BODY_LONG, BODY_SHORT, column, initialTotal, NEAR } from './settings';

// Multi-candle continuation patterns: a move, a pause or counter-move, and a resumption.

/** TA-Lib's default optInPenetration for mat hold (domain spec §3.1). */
const MAT_HOLD_PENETRATION = 0.5;

/** Three same-colour candles stepping on, opening near the prior body; a 4th opening beyond and closing past all. */
export const CDL3LINESTRIKE = candleFunction('CDL3LINESTRIKE', NEAR.period + 3, (c, out, start) => {
  const { open, close, top, bottom, color } = c;
  const nr = column(c, NEAR);
  const p = NEAR.period;
  let t3 = initialTotal(nr, NEAR, start - 3);
  let t2 = initialTotal(nr, NEAR, start - 2);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 3] === color[i - 2] &&
      color[i - 2] === color[i - 1] &&
      color[i] === -color[i - 1] &&
      open[i - 2] >= bottom[i - 3] - average(NEAR, t3, nr[i - 3]) &&
      open[i - 2] <= top[i - 3] + average(NEAR, t3, nr[i - 3]) &&
      open[i - 1] >= bottom[i - 2] - average(NEAR, t2, nr[i - 2]) &&
      open[i - 1] <= top[i - 2] + average(NEAR, t2, nr[i - 2]) &&
      ((color[i - 1] === 1 &&
        close[i - 1] > close[i - 2] &&
        close[i - 2] > close[i - 3] &&
        open[i] > close[i - 1] &&
        close[i] < open[i - 3]) ||
        (color[i - 1] === -1 &&
          close[i - 1] < close[i - 2] &&
          close[i - 2] < close[i - 3] &&
          open[i] < close[i - 1] &&
          close[i] > open[i - 3]))
        ? color[i - 1] * 100
        : 0;
    t3 += nr[i - 3] - nr[i - 3 - p];
    t2 += nr[i - 2] - nr[i - 2 - p];
  }
});

/** Long white, gap up, three small candles holding within its upper part, then a white breaking out. */
export const CDLMATHOLD = candleFunction(
  'CDLMATHOLD',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 4,
  (c, out, start) => {
    const { body, open, high, close, top, bottom, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl4 = initialTotal(bl, BODY_LONG, start - 4);
    let tbs3 = initialTotal(bs, BODY_SHORT, start - 3);
    let tbs2 = initialTotal(bs, BODY_SHORT, start - 2);
    let tbs1 = initialTotal(bs, BODY_SHORT, start - 1);
    for (let i = start; i < c.length; i++) {
      const floor = close[i - 4] - body[i - 4] * MAT_HOLD_PENETRATION;
      out[i] =
        body[i - 4] > average(BODY_LONG, tbl4, bl[i - 4]) &&
        body[i - 3] < average(BODY_SHORT, tbs3, bs[i - 3]) &&
        body[i - 2] < average(BODY_SHORT, tbs2, bs[i - 2]) &&
        body[i - 1] < average(BODY_SHORT, tbs1, bs[i - 1]) &&
        color[i - 4] === 1 &&
        color[i - 3] === -1 &&
        color[i] === 1 &&
        bodyGapUp(c, i - 3, i - 4) &&
        bottom[i - 2] < close[i - 4] &&
        bottom[i - 1] < close[i - 4] &&
        bottom[i - 2] > floor &&
        bottom[i - 1] > floor &&
        top[i - 2] < open[i - 3] &&
        top[i - 1] < top[i - 2] &&
        open[i] > close[i - 1] &&
        close[i] > Math.max(Math.max(high[i - 3], high[i - 2]), high[i - 1])
          ? 100
          : 0;
      tbl4 += bl[i - 4] - bl[i - 4 - pbl];
      tbs3 += bs[i - 3] - bs[i - 3 - pbs];
      tbs2 += bs[i - 2] - bs[i - 2 - pbs];
      tbs1 += bs[i - 1] - bs[i - 1 - pbs];
    }
  },
);

/** Long body, three small counter candles inside its range, then a long body closing beyond the first close. */
export const CDLRISEFALL3METHODS = candleFunction(
  'CDLRISEFALL3METHODS',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 4,
  (c, out, start) => {
    const { body, open, high, low, close, top, bottom, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl4 = initialTotal(bl, BODY_LONG, start - 4);
    let tbs3 = initialTotal(bs, BODY_SHORT, start - 3);
    let tbs2 = initialTotal(bs, BODY_SHORT, start - 2);
    let tbs1 = initialTotal(bs, BODY_SHORT, start - 1);
    let tbl0 = initialTotal(bl, BODY_LONG, start);
    for (let i = start; i < c.length; i++) {
      // Multiplying by the first colour (±1, exact) turns the rising and falling variants into one comparison.
      const d = color[i - 4];
      out[i] =
        body[i - 4] > average(BODY_LONG, tbl4, bl[i - 4]) &&
        body[i - 3] < average(BODY_SHORT, tbs3, bs[i - 3]) &&
        body[i - 2] < average(BODY_SHORT, tbs2, bs[i - 2]) &&
        body[i - 1] < average(BODY_SHORT, tbs1, bs[i - 1]) &&
        body[i] > average(BODY_LONG, tbl0, bl[i]) &&
        d === -color[i - 3] &&
        color[i - 3] === color[i - 2] &&
        color[i - 2] === color[i - 1] &&
        color[i - 1] === -color[i] &&
        bottom[i - 3] < high[i - 4] &&
        top[i - 3] > low[i - 4] &&
        bottom[i - 2] < high[i - 4] &&
        top[i - 2] > low[i - 4] &&
        bottom[i - 1] < high[i - 4] &&
        top[i - 1] > low[i - 4] &&
        close[i - 2] * d < close[i - 3] * d &&
        close[i - 1] * d < close[i - 2] * d &&
        open[i] * d > close[i - 1] * d &&
        close[i] * d > close[i - 4] * d
          ? 100 * d
          : 0;
      tbl4 += bl[i - 4] - bl[i - 4 - pbl];
      tbs3 += bs[i - 3] - bs[i - 3 - pbs];
      tbs2 += bs[i - 2] - bs[i - 2 - pbs];
      tbs1 += bs[i - 1] - bs[i - 1 - pbs];
      tbl0 += bl[i] - bl[i - pbl];
    }
  },
);
