import { type CandleKernel, candleFunction } from './candle-function';
import type { CandleContext } from './geometry';
import {
  average,
  BODY_LONG,
  BODY_SHORT,
  type CandleSetting,
  column,
  initialTotal,
  SHADOW_SHORT,
  SHADOW_VERY_LONG,
  SHADOW_VERY_SHORT,
} from './settings';

// One-candle body/shadow shapes; each outputs the candle's own colour × 100.

/**
 * Body longer (or shorter) than `bodySetting`, and both shadows shorter (or longer) than `shadowSetting`: the shared
 * shape of long line, short line, marubozu and high-wave.
 */
function bodyAndShadows(
  bodySetting: CandleSetting,
  longBody: boolean,
  shadowSetting: CandleSetting,
  shortShadows: boolean,
): CandleKernel {
  return (c, out, start) => {
    const { body, upper, lower, color } = c;
    const bc = column(c, bodySetting);
    const sc = column(c, shadowSetting);
    const pb = bodySetting.period;
    const ps = shadowSetting.period;
    let tb = initialTotal(bc, bodySetting, start);
    let ts = initialTotal(sc, shadowSetting, start);
    for (let i = start; i < c.length; i++) {
      const bodyOk = longBody ? body[i] > average(bodySetting, tb, bc[i]) : body[i] < average(bodySetting, tb, bc[i]);
      out[i] =
        bodyOk &&
        (shortShadows
          ? upper[i] < average(shadowSetting, ts, sc[i]) && lower[i] < average(shadowSetting, ts, sc[i])
          : upper[i] > average(shadowSetting, ts, sc[i]) && lower[i] > average(shadowSetting, ts, sc[i]))
          ? color[i] * 100
          : 0;
      tb += bc[i] - bc[i - pb];
      ts += sc[i] - sc[i - ps];
    }
  };
}

/** Long body with a very short shadow on the opening (belt hold) or closing (closing marubozu) side. */
function marubozuSide(openingSide: boolean): CandleKernel {
  return (c: CandleContext, out, start) => {
    const { body, upper, lower, color } = c;
    const bl = column(c, BODY_LONG);
    const vs = column(c, SHADOW_VERY_SHORT);
    const pbl = BODY_LONG.period;
    const pvs = SHADOW_VERY_SHORT.period;
    let tbl = initialTotal(bl, BODY_LONG, start);
    let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      // A white candle opens at its low end, a black one at its high end.
      const shadow = (color[i] === 1) === openingSide ? lower[i] : upper[i];
      out[i] =
        body[i] > average(BODY_LONG, tbl, bl[i]) && shadow < average(SHADOW_VERY_SHORT, tvs, vs[i])
          ? color[i] * 100
          : 0;
      tbl += bl[i] - bl[i - pbl];
      tvs += vs[i] - vs[i - pvs];
    }
  };
}

export const CDLBELTHOLD = candleFunction(
  'CDLBELTHOLD',
  Math.max(BODY_LONG.period, SHADOW_VERY_SHORT.period),
  marubozuSide(true),
);

export const CDLCLOSINGMARUBOZU = candleFunction(
  'CDLCLOSINGMARUBOZU',
  Math.max(BODY_LONG.period, SHADOW_VERY_SHORT.period),
  marubozuSide(false),
);

export const CDLHIGHWAVE = candleFunction(
  'CDLHIGHWAVE',
  Math.max(BODY_SHORT.period, SHADOW_VERY_LONG.period),
  bodyAndShadows(BODY_SHORT, false, SHADOW_VERY_LONG, false),
);

export const CDLLONGLINE = candleFunction(
  'CDLLONGLINE',
  Math.max(BODY_LONG.period, SHADOW_SHORT.period),
  bodyAndShadows(BODY_LONG, true, SHADOW_SHORT, true),
);

export const CDLMARUBOZU = candleFunction(
  'CDLMARUBOZU',
  Math.max(BODY_LONG.period, SHADOW_VERY_SHORT.period),
  bodyAndShadows(BODY_LONG, true, SHADOW_VERY_SHORT, true),
);

export const CDLSHORTLINE = candleFunction(
  'CDLSHORTLINE',
  Math.max(BODY_SHORT.period, SHADOW_SHORT.period),
  bodyAndShadows(BODY_SHORT, false, SHADOW_SHORT, true),
);

/** Short body with both shadows longer than the body itself. */
export const CDLSPINNINGTOP = candleFunction('CDLSPINNINGTOP', BODY_SHORT.period, (c, out, start) => {
  const { body, upper, lower, color } = c;
  const bs = column(c, BODY_SHORT);
  const p = BODY_SHORT.period;
  let t = initialTotal(bs, BODY_SHORT, start);
  for (let i = start; i < c.length; i++) {
    out[i] = body[i] < average(BODY_SHORT, t, bs[i]) && upper[i] > body[i] && lower[i] > body[i] ? color[i] * 100 : 0;
    t += bs[i] - bs[i - p];
  }
});
