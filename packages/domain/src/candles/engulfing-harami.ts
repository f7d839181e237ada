import { candleFunction } from './candle-function';
import { average, BODY_DOJI, BODY_LONG, BODY_SHORT, type CandleSetting, column, initialTotal } from './settings';

// Two bodies, one containing the other: engulfing (2nd contains 1st), harami (1st contains 2nd) and their
// three-candle confirmations.

export const CDLENGULFING = candleFunction('CDLENGULFING', 2, (c, out, start) => {
  const { open, close, color } = c;
  for (let i = start; i < c.length; i++) {
    const engulfs =
      (color[i] === 1 &&
        color[i - 1] === -1 &&
        ((close[i] >= open[i - 1] && open[i] < close[i - 1]) || (close[i] > open[i - 1] && open[i] <= close[i - 1]))) ||
      (color[i] === -1 &&
        color[i - 1] === 1 &&
        ((open[i] >= close[i - 1] && close[i] < open[i - 1]) || (open[i] > close[i - 1] && close[i] <= open[i - 1])));
    // TA-Lib 0.6 reports ±80 when the bodies share an end.
    out[i] = engulfs ? color[i] * (open[i] !== close[i - 1] && close[i] !== open[i - 1] ? 100 : 80) : 0;
  }
});

/** Long body then a second body (short for harami, doji for harami cross) inside it; 80 when an end is shared. */
function harami(name: string, second: CandleSetting) {
  return candleFunction(name, Math.max(second.period, BODY_LONG.period) + 1, (c, out, start) => {
    const { body, top, bottom, color } = c;
    const bl = column(c, BODY_LONG);
    const s2 = column(c, second);
    const pbl = BODY_LONG.period;
    const p2 = second.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 1);
    let t2 = initialTotal(s2, second, start);
    for (let i = start; i < c.length; i++) {
      let v = 0;
      if (body[i - 1] > average(BODY_LONG, tbl, bl[i - 1]) && body[i] <= average(second, t2, s2[i])) {
        if (top[i] < top[i - 1] && bottom[i] > bottom[i - 1]) v = -color[i - 1] * 100;
        else if (top[i] <= top[i - 1] && bottom[i] >= bottom[i - 1]) v = -color[i - 1] * 80;
      }
      out[i] = v;
      tbl += bl[i - 1] - bl[i - 1 - pbl];
      t2 += s2[i] - s2[i - p2];
    }
  });
}

export const CDLHARAMI = harami('CDLHARAMI', BODY_SHORT);

export const CDLHARAMICROSS = harami('CDLHARAMICROSS', BODY_DOJI);

/** Long black, then a short black body inside it. */
export const CDLHOMINGPIGEON = candleFunction(
  'CDLHOMINGPIGEON',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 1,
  (c, out, start) => {
    const { body, open, close, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 1);
    let tbs = initialTotal(bs, BODY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 1] === -1 &&
        color[i] === -1 &&
        body[i - 1] > average(BODY_LONG, tbl, bl[i - 1]) &&
        body[i] <= average(BODY_SHORT, tbs, bs[i]) &&
        open[i] < open[i - 1] &&
        close[i] > close[i - 1]
          ? 100
          : 0;
      tbl += bl[i - 1] - bl[i - 1 - pbl];
      tbs += bs[i] - bs[i - pbs];
    }
  },
);

/** Harami (strict containment), then a third candle closing beyond the first candle's open. */
export const CDL3INSIDE = candleFunction(
  'CDL3INSIDE',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, out, start) => {
    const { body, top, bottom, open, close, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 2);
    let tbs = initialTotal(bs, BODY_SHORT, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        body[i - 2] > average(BODY_LONG, tbl, bl[i - 2]) &&
        body[i - 1] <= average(BODY_SHORT, tbs, bs[i - 1]) &&
        top[i - 1] < top[i - 2] &&
        bottom[i - 1] > bottom[i - 2] &&
        ((color[i - 2] === 1 && color[i] === -1 && close[i] < open[i - 2]) ||
          (color[i - 2] === -1 && color[i] === 1 && close[i] > open[i - 2]))
          ? -color[i - 2] * 100
          : 0;
      tbl += bl[i - 2] - bl[i - 2 - pbl];
      tbs += bs[i - 1] - bs[i - 1 - pbs];
    }
  },
);

/** Engulfing, then a third candle closing beyond the second. */
export const CDL3OUTSIDE = candleFunction('CDL3OUTSIDE', 3, (c, out, start) => {
  const { open, close, color } = c;
  for (let i = start; i < c.length; i++) {
    out[i] =
      (color[i - 1] === 1 &&
        color[i - 2] === -1 &&
        close[i - 1] > open[i - 2] &&
        open[i - 1] < close[i - 2] &&
        close[i] > close[i - 1]) ||
      (color[i - 1] === -1 &&
        color[i - 2] === 1 &&
        open[i - 1] > close[i - 2] &&
        close[i - 1] < open[i - 2] &&
        close[i] < close[i - 1])
        ? color[i - 1] * 100
        : 0;
  }
});
