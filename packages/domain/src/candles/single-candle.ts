import { type CandleKernel, candleFunction } from './candle-function';
import {
  averageSeries,
  BODY_LONG,
  BODY_SHORT,
  type CandleSetting,
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
  return (c, start) => {
    const { body, upper, lower, color } = c;
    const ab = averageSeries(c, bodySetting, start);
    const as = averageSeries(c, shadowSetting, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        const bodyOk = longBody ? body[i] > ab[i] : body[i] < ab[i];
        out[i] =
          bodyOk && (shortShadows ? upper[i] < as[i] && lower[i] < as[i] : upper[i] > as[i] && lower[i] > as[i])
            ? color[i] * 100
            : 0;
      }
    };
  };
}

/** Long body with a very short shadow on the opening (belt hold) or closing (closing marubozu) side. */
function marubozuSide(openingSide: boolean): CandleKernel {
  return (c, start) => {
    const { body, upper, lower, color } = c;
    const abl = averageSeries(c, BODY_LONG, start);
    const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        // A white candle opens at its low end, a black one at its high end.
        const shadow = (color[i] === 1) === openingSide ? lower[i] : upper[i];
        out[i] = body[i] > abl[i] && shadow < avs[i] ? color[i] * 100 : 0;
      }
    };
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
export const CDLSPINNINGTOP = candleFunction('CDLSPINNINGTOP', BODY_SHORT.period, (c, start) => {
  const { body, upper, lower, color } = c;
  const a = averageSeries(c, BODY_SHORT, start);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] = body[i] < a[i] && upper[i] > body[i] && lower[i] > body[i] ? color[i] * 100 : 0;
    }
  };
});
