import { candleFunction } from './candle-function';
import { bodyGapDown, bodyGapUp } from './geometry';
import { averageSeries, BODY_LONG, EQUAL, NEAR } from './settings';

// Patterns around a real-body gap: whether the gap holds or gets filled.

/** Gap, then two similar white candles with about equal opens, both beyond the gap; sign = gap direction. */
export const CDLGAPSIDESIDEWHITE = candleFunction(
  'CDLGAPSIDESIDEWHITE',
  Math.max(NEAR.period, EQUAL.period) + 2,
  (c, start) => {
    const { body, open, color } = c;
    const anr = averageSeries(c, NEAR, start - 1);
    const aeq = averageSeries(c, EQUAL, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        const up = bodyGapUp(c, i - 1, i - 2);
        out[i] =
          ((up && bodyGapUp(c, i, i - 2)) || (bodyGapDown(c, i - 1, i - 2) && bodyGapDown(c, i, i - 2))) &&
          color[i - 1] === 1 &&
          color[i] === 1 &&
          body[i] >= body[i - 1] - anr[i - 1] &&
          body[i] <= body[i - 1] + anr[i - 1] &&
          open[i] >= open[i - 1] - aeq[i - 1] &&
          open[i] <= open[i - 1] + aeq[i - 1]
            ? up
              ? 100
              : -100
            : 0;
      }
    };
  },
);

/** Gap, a candle in the gap direction, then an opposite candle of near-equal body closing inside the gap. */
export const CDLTASUKIGAP = candleFunction('CDLTASUKIGAP', NEAR.period + 2, (c, start) => {
  const { body, open, close, top, bottom, color } = c;
  const a = averageSeries(c, NEAR, start - 1);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        (bodyGapUp(c, i - 1, i - 2) &&
          color[i - 1] === 1 &&
          color[i] === -1 &&
          open[i] < close[i - 1] &&
          open[i] > open[i - 1] &&
          close[i] < open[i - 1] &&
          close[i] > top[i - 2] &&
          Math.abs(body[i - 1] - body[i]) < a[i - 1]) ||
        (bodyGapDown(c, i - 1, i - 2) &&
          color[i - 1] === -1 &&
          color[i] === 1 &&
          open[i] < open[i - 1] &&
          open[i] > close[i - 1] &&
          close[i] > open[i - 1] &&
          close[i] < bottom[i - 2] &&
          Math.abs(body[i - 1] - body[i]) < a[i - 1])
          ? color[i - 1] * 100
          : 0;
    }
  };
});

/** Two same-colour candles with a body gap, then an opposite candle opening in the 2nd body, closing in the 1st. */
export const CDLXSIDEGAP3METHODS = candleFunction('CDLXSIDEGAP3METHODS', 2, (c) => {
  const { open, close, top, bottom, color } = c;
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 2] === color[i - 1] &&
        color[i - 1] === -color[i] &&
        open[i] < top[i - 1] &&
        open[i] > bottom[i - 1] &&
        close[i] < top[i - 2] &&
        close[i] > bottom[i - 2] &&
        ((color[i - 2] === 1 && bodyGapUp(c, i - 1, i - 2)) || (color[i - 2] === -1 && bodyGapDown(c, i - 1, i - 2)))
          ? color[i - 2] * 100
          : 0;
    }
  };
});

/** Long body, gap, two more candles extending the move, then an opposite candle closing inside the gap. */
export const CDLBREAKAWAY = candleFunction('CDLBREAKAWAY', BODY_LONG.period + 4, (c, start) => {
  const { body, open, high, low, close, color } = c;
  const a = averageSeries(c, BODY_LONG, start - 4);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        body[i - 4] > a[i - 4] &&
        color[i - 4] === color[i - 3] &&
        color[i - 3] === color[i - 1] &&
        color[i - 1] === -color[i] &&
        ((color[i - 4] === -1 &&
          bodyGapDown(c, i - 3, i - 4) &&
          high[i - 2] < high[i - 3] &&
          low[i - 2] < low[i - 3] &&
          high[i - 1] < high[i - 2] &&
          low[i - 1] < low[i - 2] &&
          close[i] > open[i - 3] &&
          close[i] < close[i - 4]) ||
          (color[i - 4] === 1 &&
            bodyGapUp(c, i - 3, i - 4) &&
            high[i - 2] > high[i - 3] &&
            low[i - 2] > low[i - 3] &&
            high[i - 1] > high[i - 2] &&
            low[i - 1] > low[i - 2] &&
            close[i] < open[i - 3] &&
            close[i] > close[i - 4]))
          ? color[i] * 100
          : 0;
    }
  };
});
