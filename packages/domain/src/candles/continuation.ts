import { candleFunction } from './candle-function';
import { bodyGapUp } from './geometry';
import { averageSeries, BODY_LONG, BODY_SHORT, NEAR } from './settings';

// Multi-candle continuation patterns: a move, a pause or counter-move, and a resumption.

/** TA-Lib's default optInPenetration for mat hold (domain spec §3.1). */
const MAT_HOLD_PENETRATION = 0.5;

/** Three same-colour candles stepping on, opening near the prior body; a 4th opening beyond and closing past all. */
export const CDL3LINESTRIKE = candleFunction('CDL3LINESTRIKE', NEAR.period + 3, (c, start) => {
  const { open, close, top, bottom, color } = c;
  const a3 = averageSeries(c, NEAR, start - 3);
  const a2 = averageSeries(c, NEAR, start - 2);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 3] === color[i - 2] &&
        color[i - 2] === color[i - 1] &&
        color[i] === -color[i - 1] &&
        open[i - 2] >= bottom[i - 3] - a3[i - 3] &&
        open[i - 2] <= top[i - 3] + a3[i - 3] &&
        open[i - 1] >= bottom[i - 2] - a2[i - 2] &&
        open[i - 1] <= top[i - 2] + a2[i - 2] &&
        ((color[i - 1] === 1 &&
          close[i - 1] > close[i - 2] &&
          close[i - 2] > close[i - 3] &&
          open[i] > close[i - 1] &&
          close[i] < open[i - 3]) ||
          (color[i - 1] === -1 &&
            close[i - 1] < close[i - 2] &&
            close[i - 2] < close[i - 3] &&
            open[i] < close[i - 1] &&
            close[i] > open[i - 3]))
          ? color[i - 1] * 100
          : 0;
    }
  };
});

/** Long white, gap up, three small candles holding within its upper part, then a white breaking out. */
export const CDLMATHOLD = candleFunction(
  'CDLMATHOLD',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 4,
  (c, start) => {
    const { body, open, high, close, top, bottom, color } = c;
    const abl4 = averageSeries(c, BODY_LONG, start - 4);
    const abs3 = averageSeries(c, BODY_SHORT, start - 3);
    const abs2 = averageSeries(c, BODY_SHORT, start - 2);
    const abs1 = averageSeries(c, BODY_SHORT, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        const floor = close[i - 4] - body[i - 4] * MAT_HOLD_PENETRATION;
        out[i] =
          body[i - 4] > abl4[i - 4] &&
          body[i - 3] < abs3[i - 3] &&
          body[i - 2] < abs2[i - 2] &&
          body[i - 1] < abs1[i - 1] &&
          color[i - 4] === 1 &&
          color[i - 3] === -1 &&
          color[i] === 1 &&
          bodyGapUp(c, i - 3, i - 4) &&
          bottom[i - 2] < close[i - 4] &&
          bottom[i - 1] < close[i - 4] &&
          bottom[i - 2] > floor &&
          bottom[i - 1] > floor &&
          top[i - 2] < open[i - 3] &&
          top[i - 1] < top[i - 2] &&
          open[i] > close[i - 1] &&
          close[i] > Math.max(Math.max(high[i - 3], high[i - 2]), high[i - 1])
            ? 100
            : 0;
      }
    };
  },
);

/** Long body, three small counter candles inside its range, then a long body closing beyond the first close. */
export const CDLRISEFALL3METHODS = candleFunction(
  'CDLRISEFALL3METHODS',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 4,
  (c, start) => {
    const { body, open, high, low, close, top, bottom, color } = c;
    const abl4 = averageSeries(c, BODY_LONG, start - 4);
    const abs3 = averageSeries(c, BODY_SHORT, start - 3);
    const abs2 = averageSeries(c, BODY_SHORT, start - 2);
    const abs1 = averageSeries(c, BODY_SHORT, start - 1);
    const abl0 = averageSeries(c, BODY_LONG, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        // Multiplying by the first colour (±1, exact) turns the rising and falling variants into one comparison.
        const d = color[i - 4];
        out[i] =
          body[i - 4] > abl4[i - 4] &&
          body[i - 3] < abs3[i - 3] &&
          body[i - 2] < abs2[i - 2] &&
          body[i - 1] < abs1[i - 1] &&
          body[i] > abl0[i] &&
          d === -color[i - 3] &&
          color[i - 3] === color[i - 2] &&
          color[i - 2] === color[i - 1] &&
          color[i - 1] === -color[i] &&
          bottom[i - 3] < high[i - 4] &&
          top[i - 3] > low[i - 4] &&
          bottom[i - 2] < high[i - 4] &&
          top[i - 2] > low[i - 4] &&
          bottom[i - 1] < high[i - 4] &&
          top[i - 1] > low[i - 4] &&
          close[i - 2] * d < close[i - 3] * d &&
          close[i - 1] * d < close[i - 2] * d &&
          open[i] * d > close[i - 1] * d &&
          close[i] * d > close[i - 4] * d
            ? 100 * d
            : 0;
      }
    };
  },
);
