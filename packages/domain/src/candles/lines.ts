import { candleFunction } from './candle-function';
import { average, BODY_LONG, column, EQUAL, initialTotal, SHADOW_VERY_SHORT } from './settings';

// Two-candle line patterns: a second candle opening away from the first and closing at a telling level of it.

/** TA-Lib's default optInPenetration for dark cloud cover (domain spec §3.1). */
const DARK_CLOUD_PENETRATION = 0.5;

/** Long white; black opening above the prior high and closing more than halfway into the white body. */
export const CDLDARKCLOUDCOVER = candleFunction('CDLDARKCLOUDCOVER', BODY_LONG.period + 1, (c, out, start) => {
  const { body, open, high, close, color } = c;
  const bl = column(c, BODY_LONG);
  const p = BODY_LONG.period;
  let t = initialTotal(bl, BODY_LONG, start - 1);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 1] === 1 &&
      body[i - 1] > average(BODY_LONG, t, bl[i - 1]) &&
      color[i] === -1 &&
      open[i] > high[i - 1] &&
      close[i] > open[i - 1] &&
      close[i] < close[i - 1] - body[i - 1] * DARK_CLOUD_PENETRATION
        ? -100
        : 0;
    t += bl[i - 1] - bl[i - 1 - p];
  }
});

/** Long black; long white opening below the prior low and closing above the black body's midpoint. */
export const CDLPIERCING = candleFunction('CDLPIERCING', BODY_LONG.period + 1, (c, out, start) => {
  const { body, open, low, close, color } = c;
  const bl = column(c, BODY_LONG);
  const p = BODY_LONG.period;
  let t1 = initialTotal(bl, BODY_LONG, start - 1);
  let t0 = initialTotal(bl, BODY_LONG, start);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 1] === -1 &&
      body[i - 1] > average(BODY_LONG, t1, bl[i - 1]) &&
      color[i] === 1 &&
      body[i] > average(BODY_LONG, t0, bl[i]) &&
      open[i] < low[i - 1] &&
      close[i] < open[i - 1] &&
      close[i] > close[i - 1] + body[i - 1] * 0.5
        ? 100
        : 0;
    t1 += bl[i - 1] - bl[i - 1 - p];
    t0 += bl[i] - bl[i - p];
  }
});

const IN_NECK = 0;
const ON_NECK = 1;
const THRUSTING = 2;

/**
 * Long black, then a white opening below its low and closing: just into the black body (in-neck), at its low
 * (on-neck), or into it but below its midpoint (thrusting). All bearish continuation.
 */
function neck(name: string, kind: typeof IN_NECK | typeof ON_NECK | typeof THRUSTING) {
  return candleFunction(name, Math.max(EQUAL.period, BODY_LONG.period) + 1, (c, out, start) => {
    const { body, open, low, close, color } = c;
    const bl = column(c, BODY_LONG);
    const eq = column(c, EQUAL);
    const pbl = BODY_LONG.period;
    const peq = EQUAL.period;
    let tbl = initialTotal(bl, BODY_LONG, start - 1);
    let teq = initialTotal(eq, EQUAL, start - 1);
    for (let i = start; i < c.length; i++) {
      let closes: boolean;
      if (kind === IN_NECK)
        closes = close[i] <= close[i - 1] + average(EQUAL, teq, eq[i - 1]) && close[i] >= close[i - 1];
      else if (kind === ON_NECK)
        closes =
          close[i] <= low[i - 1] + average(EQUAL, teq, eq[i - 1]) &&
          close[i] >= low[i - 1] - average(EQUAL, teq, eq[i - 1]);
      else
        closes =
          close[i] > close[i - 1] + average(EQUAL, teq, eq[i - 1]) && close[i] <= close[i - 1] + body[i - 1] * 0.5;
      out[i] =
        color[i - 1] === -1 &&
        body[i - 1] > average(BODY_LONG, tbl, bl[i - 1]) &&
        color[i] === 1 &&
        open[i] < low[i - 1] &&
        closes
          ? -100
          : 0;
      teq += eq[i - 1] - eq[i - 1 - peq];
      tbl += bl[i - 1] - bl[i - 1 - pbl];
    }
  });
}

export const CDLINNECK = neck('CDLINNECK', IN_NECK);

export const CDLONNECK = neck('CDLONNECK', ON_NECK);

export const CDLTHRUSTING = neck('CDLTHRUSTING', THRUSTING);

/** Long body, then an opposite long body closing at (Equal of) the prior close. */
export const CDLCOUNTERATTACK = candleFunction(
  'CDLCOUNTERATTACK',
  Math.max(EQUAL.period, BODY_LONG.period) + 1,
  (c, out, start) => {
    const { body, close, color } = c;
    const bl = column(c, BODY_LONG);
    const eq = column(c, EQUAL);
    const pbl = BODY_LONG.period;
    const peq = EQUAL.period;
    let teq = initialTotal(eq, EQUAL, start - 1);
    let tbl1 = initialTotal(bl, BODY_LONG, start - 1);
    let tbl0 = initialTotal(bl, BODY_LONG, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 1] === -color[i] &&
        body[i - 1] > average(BODY_LONG, tbl1, bl[i - 1]) &&
        body[i] > average(BODY_LONG, tbl0, bl[i]) &&
        close[i] <= close[i - 1] + average(EQUAL, teq, eq[i - 1]) &&
        close[i] >= close[i - 1] - average(EQUAL, teq, eq[i - 1])
          ? color[i] * 100
          : 0;
      teq += eq[i - 1] - eq[i - 1 - peq];
      tbl1 += bl[i - 1] - bl[i - 1 - pbl];
      tbl0 += bl[i] - bl[i - pbl];
    }
  },
);

/** Two black candles closing at (Equal of) the same price. */
export const CDLMATCHINGLOW = candleFunction('CDLMATCHINGLOW', EQUAL.period + 1, (c, out, start) => {
  const { close, color } = c;
  const eq = column(c, EQUAL);
  const p = EQUAL.period;
  let t = initialTotal(eq, EQUAL, start - 1);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 1] === -1 &&
      color[i] === -1 &&
      close[i] <= close[i - 1] + average(EQUAL, t, eq[i - 1]) &&
      close[i] >= close[i - 1] - average(EQUAL, t, eq[i - 1])
        ? 100
        : 0;
    t += eq[i - 1] - eq[i - 1 - p];
  }
});

/** Opposite candle, then a belt hold opening at (Equal of) the same price. */
export const CDLSEPARATINGLINES = candleFunction(
  'CDLSEPARATINGLINES',
  Math.max(SHADOW_VERY_SHORT.period, BODY_LONG.period, EQUAL.period) + 1,
  (c, out, start) => {
    const { body, upper, lower, open, color } = c;
    const vs = column(c, SHADOW_VERY_SHORT);
    const bl = column(c, BODY_LONG);
    const eq = column(c, EQUAL);
    const pvs = SHADOW_VERY_SHORT.period;
    const pbl = BODY_LONG.period;
    const peq = EQUAL.period;
    let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
    let tbl = initialTotal(bl, BODY_LONG, start);
    let teq = initialTotal(eq, EQUAL, start - 1);
    for (let i = start; i < c.length; i++) {
      out[i] =
        color[i - 1] === -color[i] &&
        open[i] <= open[i - 1] + average(EQUAL, teq, eq[i - 1]) &&
        open[i] >= open[i - 1] - average(EQUAL, teq, eq[i - 1]) &&
        body[i] > average(BODY_LONG, tbl, bl[i]) &&
        ((color[i] === 1 && lower[i] < average(SHADOW_VERY_SHORT, tvs, vs[i])) ||
          (color[i] === -1 && upper[i] < average(SHADOW_VERY_SHORT, tvs, vs[i])))
          ? color[i] * 100
          : 0;
      tvs += vs[i] - vs[i - pvs];
      tbl += bl[i] - bl[i - pbl];
      teq += eq[i - 1] - eq[i - 1 - peq];
    }
  },
);

/** Black, white trading above the prior close, black closing at (Equal of) the first close. */
export const CDLSTICKSANDWICH = candleFunction('CDLSTICKSANDWICH', EQUAL.period + 2, (c, out, start) => {
  const { low, close, color } = c;
  const eq = column(c, EQUAL);
  const p = EQUAL.period;
  let t = initialTotal(eq, EQUAL, start - 2);
  for (let i = start; i < c.length; i++) {
    out[i] =
      color[i - 2] === -1 &&
      color[i - 1] === 1 &&
      color[i] === -1 &&
      low[i - 1] > close[i - 2] &&
      close[i] <= close[i - 2] + average(EQUAL, t, eq[i - 2]) &&
      close[i] >= close[i - 2] - average(EQUAL, t, eq[i - 2])
        ? 100
        : 0;
    t += eq[i - 2] - eq[i - 2 - p];
  }
});
