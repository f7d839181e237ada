import { candleFunction } from './candle-function';
import { bodyGapDown } from './geometry';
import { average, BODY_LONG, BODY_SHORT, column, initialTotal, SHADOW_LONG, SHADOW_VERY_SHORT } from './settings';

// Bullish reversals that form at the end of a run of black candles.

/** Two black marubozu; a black gapping down with an upper shadow into the prior body; a black engulfing it. */
export const CDLCONCEALBABYSWALL = candleFunction(
  'CDLCONCEALBABYSWALL',
  SHADOW_VERY_SHORT.period + 3,
  (c, out, start) => {
    const { upper, lower, high, low, close, color } = c;
    const vs = column(c, SHADOW_VERY_SHORT);
    const p = SHADOW_VERY_SHORT.period;
    let t3 = initialTotal(vs, SHADOW_VERY_SHORT, start - 3);
    let t2 = initialTotal(vs, SHADOW_VERY_SHORT, start - 2);
    let t1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 3] === -1 &&
        color[i - 2] === -1 &&
        color[i - 1] === -1 &&
        color[i] === -1 &&
        lower[i - 3] < average(SHADOW_VERY_SHORT, t3, vs[i - 3]) &&
        upper[i - 3] < average(SHADOW_VERY_SHORT, t3, vs[i - 3]) &&
        lower[i - 2] < average(SHADOW_VERY_SHORT, t2, vs[i - 2]) &&
        upper[i - 2] < average(SHADOW_VERY_SHORT, t2, vs[i - 2]) &&
        bodyGapDown(c, i - 1, i - 2) &&
        upper[i - 1] > average(SHADOW_VERY_SHORT, t1, vs[i - 1]) &&
        high[i - 1] > close[i - 2] &&
        high[i] > high[i - 1] &&
        low[i] < low[i - 1]
          ? 100
          : 0;
      t3 += vs[i - 3] - vs[i - 3 - p];
      t2 += vs[i - 2] - vs[i - 2 - p];
      t1 += vs[i - 1] - vs[i - 1 - p];
    }
  },
);

/** Three declining blacks; a black with an upper shadow; a white opening above it and closing above its high. */
export const CDLLADDERBOTTOM = candleFunction('CDLLADDERBOTTOM', SHADOW_VERY_SHORT.period + 4, (c, out, start) => {
  const { upper, open, high, close, color } = c;
  const vs = column(c, SHADOW_VERY_SHORT);
  const p = SHADOW_VERY_SHORT.period;
  let t = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 4] === -1 &&
      color[i - 3] === -1 &&
      color[i - 2] === -1 &&
      open[i - 4] > open[i - 3] &&
      open[i - 3] > open[i - 2] &&
      close[i - 4] > close[i - 3] &&
      close[i - 3] > close[i - 2] &&
      color[i - 1] === -1 &&
      upper[i - 1] > average(SHADOW_VERY_SHORT, t, vs[i - 1]) &&
      color[i] === 1 &&
      open[i] > open[i - 1] &&
      close[i] > high[i - 1]
        ? 100
        : 0;
    t += vs[i - 1] - vs[i - 1 - p];
  }
});

/** Long black with a long lower shadow; a smaller black inside it; a small black marubozu inside the 2nd range. */
export const CDL3STARSINSOUTH = candleFunction(
  'CDL3STARSINSOUTH',
  Math.max(SHADOW_VERY_SHORT.period, SHADOW_LONG.period, BODY_LONG.period, BODY_SHORT.period) + 2,
  (c, out, start) => {
    const { body, upper, lower, open, high, low, close, color } = c;
    const bl = column(c, BODY_LONG);
    const sl = column(c, SHADOW_LONG);
    const vs = column(c, SHADOW_VERY_SHORT);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const psl = SHADOW_LONG.period;
    const pvs = SHADOW_VERY_SHORT.period;
    const pbs = BODY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 2);
    let tsl = initialTotal(sl, SHADOW_LONG, start - 2);
    let tvs1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    let tvs0 = initialTotal(vs, SHADOW_VERY_SHORT, start);
    let tbs = initialTotal(bs, BODY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 2] === -1 &&
        color[i - 1] === -1 &&
        color[i] === -1 &&
        body[i - 2] > average(BODY_LONG, tbl, bl[i - 2]) &&
        lower[i - 2] > average(SHADOW_LONG, tsl, sl[i - 2]) &&
        body[i - 1] < body[i - 2] &&
        open[i - 1] > close[i - 2] &&
        open[i - 1] <= high[i - 2] &&
        low[i - 1] < close[i - 2] &&
        low[i - 1] >= low[i - 2] &&
        lower[i - 1] > average(SHADOW_VERY_SHORT, tvs1, vs[i - 1]) &&
        body[i] < average(BODY_SHORT, tbs, bs[i]) &&
        lower[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        upper[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        low[i] > low[i - 1] &&
        high[i] < high[i - 1]
          ? 100
          : 0;
      tbl += bl[i - 2] - bl[i - 2 - pbl];
      tsl += sl[i - 2] - sl[i - 2 - psl];
      tvs1 += vs[i - 1] - vs[i - 1 - pvs];
      tvs0 += vs[i] - vs[i - pvs];
      tbs += bs[i] - bs[i - pbs];
    }
  },
);

/** Long black; black harami with a lower low; small white opening above the 2nd low. */
export const CDLUNIQUE3RIVER = candleFunction(
  'CDLUNIQUE3RIVER',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, out, start) => {
    const { body, open, low, close, color } = c;
    const bl = column(c, BODY_LONG);
    const bs = column(c, BODY_SHORT);
    const pbl = BODY_LONG.period;
    const pbs = BODY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 2);
    let tbs = initialTotal(bs, BODY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        body[i - 2] > average(BODY_LONG, tbl, bl[i - 2]) &&
        color[i - 2] === -1 &&
        color[i - 1] === -1 &&
        close[i - 1] > close[i - 2] &&
        open[i - 1] <= open[i - 2] &&
        low[i - 1] < low[i - 2] &&
        body[i] < average(BODY_SHORT, tbs, bs[i]) &&
        color[i] === 1 &&
        open[i] > low[i - 1]
          ? 100
          : 0;
      tbl += bl[i - 2] - bl[i - 2 - pbl];
      tbs += bs[i] - bs[i - pbs];
    }
  },
);
