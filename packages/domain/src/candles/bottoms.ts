import { candleFunction } from './candle-function';
import { bodyGapDown } from './geometry';
import { averageSeries, BODY_LONG, BODY_SHORT, SHADOW_LONG, SHADOW_VERY_SHORT } from './settings';

// Bullish reversals that form at the end of a run of black candles.

/** Two black marubozu; a black gapping down with an upper shadow into the prior body; a black engulfing it. */
export const CDLCONCEALBABYSWALL = candleFunction('CDLCONCEALBABYSWALL', SHADOW_VERY_SHORT.period + 3, (c, start) => {
  const { upper, lower, high, low, close, color } = c;
  const a3 = averageSeries(c, SHADOW_VERY_SHORT, start - 3);
  const a2 = averageSeries(c, SHADOW_VERY_SHORT, start - 2);
  const a1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 3] === -1 &&
        color[i - 2] === -1 &&
        color[i - 1] === -1 &&
        color[i] === -1 &&
        lower[i - 3] < a3[i - 3] &&
        upper[i - 3] < a3[i - 3] &&
        lower[i - 2] < a2[i - 2] &&
        upper[i - 2] < a2[i - 2] &&
        bodyGapDown(c, i - 1, i - 2) &&
        upper[i - 1] > a1[i - 1] &&
        high[i - 1] > close[i - 2] &&
        high[i] > high[i - 1] &&
        low[i] < low[i - 1]
          ? 100
          : 0;
    }
  };
});

/** Three declining blacks; a black with an upper shadow; a white opening above it and closing above its high. */
export const CDLLADDERBOTTOM = candleFunction('CDLLADDERBOTTOM', SHADOW_VERY_SHORT.period + 4, (c, start) => {
  const { upper, open, high, close, color } = c;
  const a = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 4] === -1 &&
        color[i - 3] === -1 &&
        color[i - 2] === -1 &&
        open[i - 4] > open[i - 3] &&
        open[i - 3] > open[i - 2] &&
        close[i - 4] > close[i - 3] &&
        close[i - 3] > close[i - 2] &&
        color[i - 1] === -1 &&
        upper[i - 1] > a[i - 1] &&
        color[i] === 1 &&
        open[i] > open[i - 1] &&
        close[i] > high[i - 1]
          ? 100
          : 0;
    }
  };
});

/** Long black with a long lower shadow; a smaller black inside it; a small black marubozu inside the 2nd range. */
export const CDL3STARSINSOUTH = candleFunction(
  'CDL3STARSINSOUTH',
  Math.max(SHADOW_VERY_SHORT.period, SHADOW_LONG.period, BODY_LONG.period, BODY_SHORT.period) + 2,
  (c, start) => {
    const { body, upper, lower, open, high, low, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const asl = averageSeries(c, SHADOW_LONG, start - 2);
    const avs1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
    const avs0 = averageSeries(c, SHADOW_VERY_SHORT, start);
    const abs = averageSeries(c, BODY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 2] === -1 &&
          color[i - 1] === -1 &&
          color[i] === -1 &&
          body[i - 2] > abl[i - 2] &&
          lower[i - 2] > asl[i - 2] &&
          body[i - 1] < body[i - 2] &&
          open[i - 1] > close[i - 2] &&
          open[i - 1] <= high[i - 2] &&
          low[i - 1] < close[i - 2] &&
          low[i - 1] >= low[i - 2] &&
          lower[i - 1] > avs1[i - 1] &&
          body[i] < abs[i] &&
          lower[i] < avs0[i] &&
          upper[i] < avs0[i] &&
          low[i] > low[i - 1] &&
          high[i] < high[i - 1]
            ? 100
            : 0;
      }
    };
  },
);

/** Long black; black harami with a lower low; small white opening above the 2nd low. */
export const CDLUNIQUE3RIVER = candleFunction(
  'CDLUNIQUE3RIVER',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, start) => {
    const { body, open, low, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const abs = averageSeries(c, BODY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          body[i - 2] > abl[i - 2] &&
          color[i - 2] === -1 &&
          color[i - 1] === -1 &&
          close[i - 1] > close[i - 2] &&
          open[i - 1] <= open[i - 2] &&
          low[i - 1] < low[i - 2] &&
          body[i] < abs[i] &&
          color[i] === 1 &&
          open[i] > low[i - 1]
            ? 100
            : 0;
      }
    };
  },
);
