import { candleFunction } from './candle-function';
import { bodyGapUp } from './geometry';
import { averageSeries, BODY_LONG, BODY_SHORT, EQUAL, SHADOW_VERY_SHORT } from './settings';

// Bearish reversals built from black candles after a white one.

/** Long white; black body gapping up; black opening in the 2nd body and closing in the 1st. */
export const CDL2CROWS = candleFunction('CDL2CROWS', BODY_LONG.period + 2, (c, start) => {
  const { body, open, close, color } = c;
  const a = averageSeries(c, BODY_LONG, start - 2);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 2] === 1 &&
        body[i - 2] > a[i - 2] &&
        color[i - 1] === -1 &&
        bodyGapUp(c, i - 1, i - 2) &&
        color[i] === -1 &&
        open[i] < open[i - 1] &&
        open[i] > close[i - 1] &&
        close[i] > open[i - 2] &&
        close[i] < close[i - 2]
          ? -100
          : 0;
    }
  };
});

/** White, then three declining blacks with very short lower shadows, each opening inside the prior body. */
export const CDL3BLACKCROWS = candleFunction('CDL3BLACKCROWS', SHADOW_VERY_SHORT.period + 3, (c, start) => {
  const { lower, open, high, close, color } = c;
  const a2 = averageSeries(c, SHADOW_VERY_SHORT, start - 2);
  const a1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
  const a0 = averageSeries(c, SHADOW_VERY_SHORT, start);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 3] === 1 &&
        color[i - 2] === -1 &&
        lower[i - 2] < a2[i - 2] &&
        color[i - 1] === -1 &&
        lower[i - 1] < a1[i - 1] &&
        color[i] === -1 &&
        lower[i] < a0[i] &&
        open[i - 1] < open[i - 2] &&
        open[i - 1] > close[i - 2] &&
        open[i] < open[i - 1] &&
        open[i] > close[i - 1] &&
        high[i - 3] > close[i - 2] &&
        close[i - 2] > close[i - 1] &&
        close[i - 1] > close[i]
          ? -100
          : 0;
    }
  };
});

/** Three declining blacks with very short lower shadows, each opening at (Equal of) the prior close. */
export const CDLIDENTICAL3CROWS = candleFunction(
  'CDLIDENTICAL3CROWS',
  Math.max(SHADOW_VERY_SHORT.period, EQUAL.period) + 2,
  (c, start) => {
    const { lower, open, close, color } = c;
    const avs2 = averageSeries(c, SHADOW_VERY_SHORT, start - 2);
    const avs1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
    const avs0 = averageSeries(c, SHADOW_VERY_SHORT, start);
    const aeq2 = averageSeries(c, EQUAL, start - 2);
    const aeq1 = averageSeries(c, EQUAL, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === -1 &&
          lower[i - 2] < avs2[i - 2] &&
          color[i - 1] === -1 &&
          lower[i - 1] < avs1[i - 1] &&
          color[i] === -1 &&
          lower[i] < avs0[i] &&
          close[i - 2] > close[i - 1] &&
          close[i - 1] > close[i] &&
          open[i - 1] <= close[i - 2] + aeq2[i - 2] &&
          open[i - 1] >= close[i - 2] - aeq2[i - 2] &&
          open[i] <= close[i - 1] + aeq1[i - 1] &&
          open[i] >= close[i - 1] - aeq1[i - 1]
            ? -100
            : 0;
      }
    };
  },
);

/** Long white; short black gapping up; black engulfing it and closing above the white close. */
export const CDLUPSIDEGAP2CROWS = candleFunction(
  'CDLUPSIDEGAP2CROWS',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, start) => {
    const { body, open, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const abs = averageSeries(c, BODY_SHORT, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === 1 &&
          body[i - 2] > abl[i - 2] &&
          color[i - 1] === -1 &&
          body[i - 1] <= abs[i - 1] &&
          bodyGapUp(c, i - 1, i - 2) &&
          color[i] === -1 &&
          open[i] > open[i - 1] &&
          close[i] < close[i - 1] &&
          close[i] > close[i - 2]
            ? -100
            : 0;
      }
    };
  },
);
