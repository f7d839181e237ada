import { candleFunction } from './candle-function';
import {
  average,
  BODY_LONG,
  BODY_SHORT,
  column,
  FAR,
  initialTotal,
  NEAR,
  SHADOW_LONG,
  SHADOW_SHORT,
  SHADOW_VERY_SHORT,
} from './settings';

// Three rising white candles: healthy (three white soldiers) or losing strength (advance block, stalled pattern).

export const CDL3WHITESOLDIERS = candleFunction(
  'CDL3WHITESOLDIERS',
  Math.max(SHADOW_VERY_SHORT.period, BODY_SHORT.period, FAR.period, NEAR.period) + 2,
  (c, out, start) => {
    const { body, upper, open, close, color } = c;
    const vs = column(c, SHADOW_VERY_SHORT);
    const nr = column(c, NEAR);
    const fr = column(c, FAR);
    const bs = column(c, BODY_SHORT);
    const pvs = SHADOW_VERY_SHORT.period;
    const pnr = NEAR.period;
    const pfr = FAR.period;
    const pbs = BODY_SHORT.period;
    let tvs2 = initialTotal(vs, SHADOW_VERY_SHORT, start - 2);
    let tvs1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    let tvs0 = initialTotal(vs, SHADOW_VERY_SHORT, start);
    let tnr2 = initialTotal(nr, NEAR, start - 2);
    let tnr1 = initialTotal(nr, NEAR, start - 1);
    let tfr2 = initialTotal(fr, FAR, start - 2);
    let tfr1 = initialTotal(fr, FAR, start - 1);
    let tbs = initialTotal(bs, BODY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === 1 &&
        upper[i - 2] < average(SHADOW_VERY_SHORT, tvs2, vs[i - 2]) &&
        color[i - 1] === 1 &&
        upper[i - 1] < average(SHADOW_VERY_SHORT, tvs1, vs[i - 1]) &&
        color[i] === 1 &&
        upper[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        close[i] > close[i - 1] &&
        close[i - 1] > close[i - 2] &&
        open[i - 1] > open[i - 2] &&
        open[i - 1] <= close[i - 2] + average(NEAR, tnr2, nr[i - 2]) &&
        open[i] > open[i - 1] &&
        open[i] <= close[i - 1] + average(NEAR, tnr1, nr[i - 1]) &&
        body[i - 1] > body[i - 2] - average(FAR, tfr2, fr[i - 2]) &&
        body[i] > body[i - 1] - average(FAR, tfr1, fr[i - 1]) &&
        body[i] > average(BODY_SHORT, tbs, bs[i])
          ? 100
          : 0;
      tvs2 += vs[i - 2] - vs[i - 2 - pvs];
      tvs1 += vs[i - 1] - vs[i - 1 - pvs];
      tvs0 += vs[i] - vs[i - pvs];
      tfr2 += fr[i - 2] - fr[i - 2 - pfr];
      tnr2 += nr[i - 2] - nr[i - 2 - pnr];
      tfr1 += fr[i - 1] - fr[i - 1 - pfr];
      tnr1 += nr[i - 1] - nr[i - 1 - pnr];
      tbs += bs[i] - bs[i - pbs];
    }
  },
);

export const CDLADVANCEBLOCK = candleFunction(
  'CDLADVANCEBLOCK',
  Math.max(SHADOW_LONG.period, SHADOW_SHORT.period, FAR.period, NEAR.period, BODY_LONG.period) + 2,
  (c, out, start) => {
    const { body, upper, open, close, color } = c;
    const ss = column(c, SHADOW_SHORT);
    const sl = column(c, SHADOW_LONG);
    const nr = column(c, NEAR);
    const fr = column(c, FAR);
    const bl = column(c, BODY_LONG);
    const pss = SHADOW_SHORT.period;
    const psl = SHADOW_LONG.period;
    const pnr = NEAR.period;
    const pfr = FAR.period;
    const pbl = BODY_LONG.period;
    let tss2 = initialTotal(ss, SHADOW_SHORT, start - 2);
    let tss1 = initialTotal(ss, SHADOW_SHORT, start - 1);
    let tss0 = initialTotal(ss, SHADOW_SHORT, start);
    let tsl0 = initialTotal(sl, SHADOW_LONG, start);
    let tnr2 = initialTotal(nr, NEAR, start - 2);
    let tnr1 = initialTotal(nr, NEAR, start - 1);
    let tfr2 = initialTotal(fr, FAR, start - 2);
    let tfr1 = initialTotal(fr, FAR, start - 1);
    let tbl = initialTotal(bl, BODY_LONG, start - 2);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === 1 &&
        color[i - 1] === 1 &&
        color[i] === 1 &&
        close[i] > close[i - 1] &&
        close[i - 1] > close[i - 2] &&
        open[i - 1] > open[i - 2] &&
        open[i - 1] <= close[i - 2] + average(NEAR, tnr2, nr[i - 2]) &&
        open[i] > open[i - 1] &&
        open[i] <= close[i - 1] + average(NEAR, tnr1, nr[i - 1]) &&
        body[i - 2] > average(BODY_LONG, tbl, bl[i - 2]) &&
        upper[i - 2] < average(SHADOW_SHORT, tss2, ss[i - 2]) &&
        // Weakening: 2nd far smaller than 1st, 3rd far smaller than 2nd, both shrinking with long upper
        // shadows, or 3rd smaller with a long upper shadow.
        ((body[i - 1] < body[i - 2] - average(FAR, tfr2, fr[i - 2]) &&
          body[i] < body[i - 1] + average(NEAR, tnr1, nr[i - 1])) ||
          body[i] < body[i - 1] - average(FAR, tfr1, fr[i - 1]) ||
          (body[i] < body[i - 1] &&
            body[i - 1] < body[i - 2] &&
            (upper[i] > average(SHADOW_SHORT, tss0, ss[i]) || upper[i - 1] > average(SHADOW_SHORT, tss1, ss[i - 1]))) ||
          (body[i] < body[i - 1] && upper[i] > average(SHADOW_LONG, tsl0, sl[i])))
          ? -100
          : 0;
      tss2 += ss[i - 2] - ss[i - 2 - pss];
      tss1 += ss[i - 1] - ss[i - 1 - pss];
      tss0 += ss[i] - ss[i - pss];
      tsl0 += sl[i] - sl[i - psl];
      tfr2 += fr[i - 2] - fr[i - 2 - pfr];
      tnr2 += nr[i - 2] - nr[i - 2 - pnr];
      tfr1 += fr[i - 1] - fr[i - 1 - pfr];
      tnr1 += nr[i - 1] - nr[i - 1 - pnr];
      tbl += bl[i - 2] - bl[i - 2 - pbl];
    }
  },
);

/** Two long whites, then a small white opening near the second's close (riding its shoulder). */
export const CDLSTALLEDPATTERN = candleFunction(
  'CDLSTALLEDPATTERN',
  Math.max(BODY_LONG.period, BODY_SHORT.period, SHADOW_VERY_SHORT.period, NEAR.period) + 2,
  (c, out, start) => {
    const { body, upper, open, close, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const vs = column(c, SHADOW_VERY_SHORT);
    const nr = column(c, NEAR);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    const pvs = SHADOW_VERY_SHORT.period;
    const pnr = NEAR.period;
    let tbl2 = initialTotal(bl, BODY_LONG, start - 2);
    let tbl1 = initialTotal(bl, BODY_LONG, start - 1);
    let tbs = initialTotal(bs, BODY_SHORT, start);
    let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    let tnr2 = initialTotal(nr, NEAR, start - 2);
    let tnr1 = initialTotal(nr, NEAR, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === 1 &&
        color[i - 1] === 1 &&
        color[i] === 1 &&
        close[i] > close[i - 1] &&
        close[i - 1] > close[i - 2] &&
        body[i - 2] > average(BODY_LONG, tbl2, bl[i - 2]) &&
        body[i - 1] > average(BODY_LONG, tbl1, bl[i - 1]) &&
        upper[i - 1] < average(SHADOW_VERY_SHORT, tvs, vs[i - 1]) &&
        open[i - 1] > open[i - 2] &&
        open[i - 1] <= close[i - 2] + average(NEAR, tnr2, nr[i - 2]) &&
        body[i] < average(BODY_SHORT, tbs, bs[i]) &&
        open[i] >= close[i - 1] - body[i] - average(NEAR, tnr1, nr[i - 1])
          ? -100
          : 0;
      tbl2 += bl[i - 2] - bl[i - 2 - pbl];
      tnr2 += nr[i - 2] - nr[i - 2 - pnr];
      tbl1 += bl[i - 1] - bl[i - 1 - pbl];
      tnr1 += nr[i - 1] - nr[i - 1 - pnr];
      tbs += bs[i] - bs[i - pbs];
      tvs += vs[i - 1] - vs[i - 1 - pvs];
    }
  },
);
