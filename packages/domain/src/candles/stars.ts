import { candleFunction } from './candle-function';
import { bodyGapDown, bodyGapUp, candleGapDown, candleGapUp } from './geometry';
import { averageSeries, BODY_DOJI, BODY_LONG, BODY_SHORT, type CandleSetting } from './settings';

// Star patterns: a small (or doji) body gapping away from a long body, usually followed by a reversal candle.

/** TA-Lib's default optInPenetration for abandoned baby and the evening/morning stars (domain spec §3.1). */
const STAR_PENETRATION = 0.3;

/**
 * Long body, a `middle`-sized body gapping in its direction, then an opposite body closing at least
 * STAR_PENETRATION into the first: evening (bearish) or morning (bullish) star, doji or not.
 */
function threeCandleStar(name: string, middle: CandleSetting, bullish: boolean) {
  return candleFunction(name, Math.max(middle.period, BODY_LONG.period, BODY_SHORT.period) + 2, (c, start) => {
    const { body, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const abm = averageSeries(c, middle, start - 1);
    const abs = averageSeries(c, BODY_SHORT, start);
    const first = bullish ? -1 : 1;
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          body[i - 2] > abl[i - 2] &&
          color[i - 2] === first &&
          body[i - 1] <= abm[i - 1] &&
          (bullish ? bodyGapDown(c, i - 1, i - 2) : bodyGapUp(c, i - 1, i - 2)) &&
          body[i] > abs[i] &&
          color[i] === -first &&
          (bullish
            ? close[i] > close[i - 2] + body[i - 2] * STAR_PENETRATION
            : close[i] < close[i - 2] - body[i - 2] * STAR_PENETRATION)
            ? -first * 100
            : 0;
      }
    };
  });
}

export const CDLEVENINGDOJISTAR = threeCandleStar('CDLEVENINGDOJISTAR', BODY_DOJI, false);

export const CDLEVENINGSTAR = threeCandleStar('CDLEVENINGSTAR', BODY_SHORT, false);

export const CDLMORNINGDOJISTAR = threeCandleStar('CDLMORNINGDOJISTAR', BODY_DOJI, true);

export const CDLMORNINGSTAR = threeCandleStar('CDLMORNINGSTAR', BODY_SHORT, true);

/** Long body; doji whose whole candle gaps away; opposite candle gapping back and closing into the first body. */
export const CDLABANDONEDBABY = candleFunction(
  'CDLABANDONEDBABY',
  Math.max(BODY_DOJI.period, BODY_LONG.period, BODY_SHORT.period) + 2,
  (c, start) => {
    const { body, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const abd = averageSeries(c, BODY_DOJI, start - 1);
    const abs = averageSeries(c, BODY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          body[i - 2] > abl[i - 2] &&
          body[i - 1] <= abd[i - 1] &&
          body[i] > abs[i] &&
          ((color[i - 2] === 1 &&
            color[i] === -1 &&
            close[i] < close[i - 2] - body[i - 2] * STAR_PENETRATION &&
            candleGapUp(c, i - 1, i - 2) &&
            candleGapDown(c, i, i - 1)) ||
            (color[i - 2] === -1 &&
              color[i] === 1 &&
              close[i] > close[i - 2] + body[i - 2] * STAR_PENETRATION &&
              candleGapDown(c, i - 1, i - 2) &&
              candleGapUp(c, i, i - 1)))
            ? color[i] * 100
            : 0;
      }
    };
  },
);

/** Long body, then a doji whose body gaps in the first body's direction. */
export const CDLDOJISTAR = candleFunction(
  'CDLDOJISTAR',
  Math.max(BODY_DOJI.period, BODY_LONG.period) + 1,
  (c, start) => {
    const { body, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 1);
    const abd = averageSeries(c, BODY_DOJI, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          body[i - 1] > abl[i - 1] &&
          body[i] <= abd[i] &&
          ((color[i - 1] === 1 && bodyGapUp(c, i, i - 1)) || (color[i - 1] === -1 && bodyGapDown(c, i, i - 1)))
            ? -color[i - 1] * 100
            : 0;
      }
    };
  },
);

/** Three dojis, the middle one gapping away. TA-Lib judges all three against the first doji's average. */
export const CDLTRISTAR = candleFunction('CDLTRISTAR', BODY_DOJI.period + 2, (c, start) => {
  const { body, top, bottom } = c;
  const doji = averageSeries(c, BODY_DOJI, start - 2);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      const a = doji[i - 2];
      let v = 0;
      if (body[i - 2] <= a && body[i - 1] <= a && body[i] <= a) {
        if (bodyGapUp(c, i - 1, i - 2) && top[i] < top[i - 1]) v = -100;
        if (bodyGapDown(c, i - 1, i - 2) && bottom[i] > bottom[i - 1]) v = 100;
      }
      out[i] = v;
    }
  };
});
