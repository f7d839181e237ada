import { candleFunction } from './candle-function';
import { bodyGapUp } from './geometry';
import { average, BODY_LONG, BODY_SHORT, column, EQUAL, initialTotal, SHADOW_VERY_SHORT } from './settings';

// Bearish reversals built from black candles after a white one.

/** Long white; black body gapping up; black opening in the 2nd body and closing in the 1st. */
export const CDL2CROWS = candleFunction('CDL2CROWS', BODY_LONG.period + 2, (c, out, start) => {
  const { body, open, close, color } = c;
  const bl = column(c, BODY_LONG);
  const p = BODY_LONG.period;
  let t = initialTotal(bl, BODY_LONG, start - 2);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 2] === 1 &&
      body[i - 2] > average(BODY_LONG, t, bl[i - 2]) &&
      color[i - 1] === -1 &&
      bodyGapUp(c, i - 1, i - 2) &&
      color[i] === -1 &&
      open[i] < open[i - 1] &&
      open[i] > close[i - 1] &&
      close[i] > open[i - 2] &&
      close[i] < close[i - 2]
        ? -100
        : 0;
    t += bl[i - 2] - bl[i - 2 - p];
  }
});

/** White, then three declining blacks with very short lower shadows, each opening inside the prior body. */
export const CDL3BLACKCROWS = candleFunction('CDL3BLACKCROWS', SHADOW_VERY_SHORT.period + 3, (c, out, start) => {
  const { lower, open, high, close, color } = c;
  const vs = column(c, SHADOW_VERY_SHORT);
  const p = SHADOW_VERY_SHORT.period;
  let t2 = initialTotal(vs, SHADOW_VERY_SHORT, start - 2);
  let t1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
  let t0 = initialTotal(vs, SHADOW_VERY_SHORT, start);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 3] === 1 &&
      color[i - 2] === -1 &&
      lower[i - 2] < average(SHADOW_VERY_SHORT, t2, vs[i - 2]) &&
      color[i - 1] === -1 &&
      lower[i - 1] < average(SHADOW_VERY_SHORT, t1, vs[i - 1]) &&
      color[i] === -1 &&
      lower[i] < average(SHADOW_VERY_SHORT, t0, vs[i]) &&
      open[i - 1] < open[i - 2] &&
      open[i - 1] > close[i - 2] &&
      open[i] < open[i - 1] &&
      open[i] > close[i - 1] &&
      high[i - 3] > close[i - 2] &&
      close[i - 2] > close[i - 1] &&
      close[i - 1] > close[i]
        ? -100
        : 0;
    t2 += vs[i - 2] - vs[i - 2 - p];
    t1 += vs[i - 1] - vs[i - 1 - p];
    t0 += vs[i] - vs[i - p];
  }
});

/** Three declining blacks with very short lower shadows, each opening at (Equal of) the prior close. */
export const CDLIDENTICAL3CROWS = candleFunction(
  'CDLIDENTICAL3CROWS',
  Math.max(SHADOW_VERY_SHORT.period, EQUAL.period) + 2,
  (c, out, start) => {
    const { lower, open, close, color } = c;
    const vs = column(c, SHADOW_VERY_SHORT);
    const eq = column(c, EQUAL);
    const pvs = SHADOW_VERY_SHORT.period;
    const peq = EQUAL.period;
    let tvs2 = initialTotal(vs, SHADOW_VERY_SHORT, start - 2);
    let tvs1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    let tvs0 = initialTotal(vs, SHADOW_VERY_SHORT, start);
    let teq2 = initialTotal(eq, EQUAL, start - 2);
    let teq1 = initialTotal(eq, EQUAL, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === -1 &&
        lower[i - 2] < average(SHADOW_VERY_SHORT, tvs2, vs[i - 2]) &&
        color[i - 1] === -1 &&
        lower[i - 1] < average(SHADOW_VERY_SHORT, tvs1, vs[i - 1]) &&
        color[i] === -1 &&
        lower[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        close[i - 2] > close[i - 1] &&
        close[i - 1] > close[i] &&
        open[i - 1] <= close[i - 2] + average(EQUAL, teq2, eq[i - 2]) &&
        open[i - 1] >= close[i - 2] - average(EQUAL, teq2, eq[i - 2]) &&
        open[i] <= close[i - 1] + average(EQUAL, teq1, eq[i - 1]) &&
        open[i] >= close[i - 1] - average(EQUAL, teq1, eq[i - 1])
          ? -100
          : 0;
      tvs2 += vs[i - 2] - vs[i - 2 - pvs];
      tvs1 += vs[i - 1] - vs[i - 1 - pvs];
      tvs0 += vs[i] - vs[i - pvs];
      teq2 += eq[i - 2] - eq[i - 2 - peq];
      teq1 += eq[i - 1] - eq[i - 1 - peq];
    }
  },
);

/** Long white; short black gapping up; black engulfing it and closing above the white close. */
export const CDLUPSIDEGAP2CROWS = candleFunction(
  'CDLUPSIDEGAP2CROWS',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, out, start) => {
    const { body, open, close, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 2);
    let tbs = initialTotal(bs, BODY_SHORT, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === 1 &&
        body[i - 2] > average(BODY_LONG, tbl, bl[i - 2]) &&
        color[i - 1] === -1 &&
        body[i - 1] <= average(BODY_SHORT, tbs, bs[i - 1]) &&
        bodyGapUp(c, i - 1, i - 2) &&
        color[i] === -1 &&
        open[i] > open[i - 1] &&
        close[i] < close[i - 1] &&
        close[i] > close[i - 2]
          ? -100
          : 0;
      tbl += bl[i - 2] - bl[i - 2 - pbl];
      tbs += bs[i - 1] - bs[i - 1 - pbs];
    }
  },
);
