import { candleFunction } from './candle-function';
import {
  averageSeries,
  BODY_LONG,
  BODY_SHORT,
  FAR,
  NEAR,
  SHADOW_LONG,
  SHADOW_SHORT,
  SHADOW_VERY_SHORT,
} from './settings';

// Three rising white candles: healthy (three white soldiers) or losing strength (advance block, stalled pattern).

export const CDL3WHITESOLDIERS = candleFunction(
  'CDL3WHITESOLDIERS',
  Math.max(SHADOW_VERY_SHORT.period, BODY_SHORT.period, FAR.period, NEAR.period) + 2,
  (c, start) => {
    const { body, upper, open, close, color } = c;
    const avs2 = averageSeries(c, SHADOW_VERY_SHORT, start - 2);
    const avs1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
    const avs0 = averageSeries(c, SHADOW_VERY_SHORT, start);
    const anr2 = averageSeries(c, NEAR, start - 2);
    const anr1 = averageSeries(c, NEAR, start - 1);
    const afr2 = averageSeries(c, FAR, start - 2);
    const afr1 = averageSeries(c, FAR, start - 1);
    const abs = averageSeries(c, BODY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === 1 &&
          upper[i - 2] < avs2[i - 2] &&
          color[i - 1] === 1 &&
          upper[i - 1] < avs1[i - 1] &&
          color[i] === 1 &&
          upper[i] < avs0[i] &&
          close[i] > close[i - 1] &&
          close[i - 1] > close[i - 2] &&
          open[i - 1] > open[i - 2] &&
          open[i - 1] <= close[i - 2] + anr2[i - 2] &&
          open[i] > open[i - 1] &&
          open[i] <= close[i - 1] + anr1[i - 1] &&
          body[i - 1] > body[i - 2] - afr2[i - 2] &&
          body[i] > body[i - 1] - afr1[i - 1] &&
          body[i] > abs[i]
            ? 100
            : 0;
      }
    };
  },
);

export const CDLADVANCEBLOCK = candleFunction(
  'CDLADVANCEBLOCK',
  Math.max(SHADOW_LONG.period, SHADOW_SHORT.period, FAR.period, NEAR.period, BODY_LONG.period) + 2,
  (c, start) => {
    const { body, upper, open, close, color } = c;
    const ass2 = averageSeries(c, SHADOW_SHORT, start - 2);
    const ass1 = averageSeries(c, SHADOW_SHORT, start - 1);
    const ass0 = averageSeries(c, SHADOW_SHORT, start);
    const asl0 = averageSeries(c, SHADOW_LONG, start);
    const anr2 = averageSeries(c, NEAR, start - 2);
    const anr1 = averageSeries(c, NEAR, start - 1);
    const afr2 = averageSeries(c, FAR, start - 2);
    const afr1 = averageSeries(c, FAR, start - 1);
    const abl = averageSeries(c, BODY_LONG, start - 2);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === 1 &&
          color[i - 1] === 1 &&
          color[i] === 1 &&
          close[i] > close[i - 1] &&
          close[i - 1] > close[i - 2] &&
          open[i - 1] > open[i - 2] &&
          open[i - 1] <= close[i - 2] + anr2[i - 2] &&
          open[i] > open[i - 1] &&
          open[i] <= close[i - 1] + anr1[i - 1] &&
          body[i - 2] > abl[i - 2] &&
          upper[i - 2] < ass2[i - 2] &&
          // Weakening: 2nd far smaller than 1st, 3rd far smaller than 2nd, both shrinking with long upper
          // shadows, or 3rd smaller with a long upper shadow.
          ((body[i - 1] < body[i - 2] - afr2[i - 2] && body[i] < body[i - 1] + anr1[i - 1]) ||
            body[i] < body[i - 1] - afr1[i - 1] ||
            (body[i] < body[i - 1] &&
              body[i - 1] < body[i - 2] &&
              (upper[i] > ass0[i] || upper[i - 1] > ass1[i - 1])) ||
            (body[i] < body[i - 1] && upper[i] > asl0[i]))
            ? -100
            : 0;
      }
    };
  },
);

/** Two long whites, then a small white opening near the second's close (riding its shoulder). */
export const CDLSTALLEDPATTERN = candleFunction(
  'CDLSTALLEDPATTERN',
  Math.max(BODY_LONG.period, BODY_SHORT.period, SHADOW_VERY_SHORT.period, NEAR.period) + 2,
  (c, start) => {
    const { body, upper, open, close, color } = c;
    const abl2 = averageSeries(c, BODY_LONG, start - 2);
    const abl1 = averageSeries(c, BODY_LONG, start - 1);
    const abs = averageSeries(c, BODY_SHORT, start);
    const avs = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
    const anr2 = averageSeries(c, NEAR, start - 2);
    const anr1 = averageSeries(c, NEAR, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === 1 &&
          color[i - 1] === 1 &&
          color[i] === 1 &&
          close[i] > close[i - 1] &&
          close[i - 1] > close[i - 2] &&
          body[i - 2] > abl2[i - 2] &&
          body[i - 1] > abl1[i - 1] &&
          upper[i - 1] < avs[i - 1] &&
          open[i - 1] > open[i - 2] &&
          open[i - 1] <= close[i - 2] + anr2[i - 2] &&
          body[i] < abs[i] &&
          open[i] >= close[i - 1] - body[i] - anr1[i - 1]
            ? -100
            : 0;
      }
    };
  },
);
