import { candleFunction } from './candle-function';
import { averageSeries, BODY_DOJI, BODY_LONG, BODY_SHORT, type CandleSetting } from './settings';

// Two bodies, one containing the other: engulfing (2nd contains 1st), harami (1st contains 2nd) and their
// three-candle confirmations.

export const CDLENGULFING = candleFunction('CDLENGULFING', 2, (c) => {
  const { open, close, color } = c;
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      const engulfs =
        (color[i] === 1 &&
          color[i - 1] === -1 &&
          ((close[i] >= open[i - 1] && open[i] < close[i - 1]) ||
            (close[i] > open[i - 1] && open[i] <= close[i - 1]))) ||
        (color[i] === -1 &&
          color[i - 1] === 1 &&
          ((open[i] >= close[i - 1] && close[i] < open[i - 1]) || (open[i] > close[i - 1] && close[i] <= open[i - 1])));
      // TA-Lib 0.6 reports ±80 when the bodies share an end.
      out[i] = engulfs ? color[i] * (open[i] !== close[i - 1] && close[i] !== open[i - 1] ? 100 : 80) : 0;
    }
  };
});

/** Long body then a second body (short for harami, doji for harami cross) inside it; 80 when an end is shared. */
function harami(name: string, second: CandleSetting) {
  return candleFunction(name, Math.max(second.period, BODY_LONG.period) + 1, (c, start) => {
    const { body, top, bottom, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 1);
    const a2 = averageSeries(c, second, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        let v = 0;
        if (body[i - 1] > abl[i - 1] && body[i] <= a2[i]) {
          if (top[i] < top[i - 1] && bottom[i] > bottom[i - 1]) v = -color[i - 1] * 100;
          else if (top[i] <= top[i - 1] && bottom[i] >= bottom[i - 1]) v = -color[i - 1] * 80;
        }
        out[i] = v;
      }
    };
  });
}

export const CDLHARAMI = harami('CDLHARAMI', BODY_SHORT);

export const CDLHARAMICROSS = harami('CDLHARAMICROSS', BODY_DOJI);

/** Long black, then a short black body inside it. */
export const CDLHOMINGPIGEON = candleFunction(
  'CDLHOMINGPIGEON',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 1,
  (c, start) => {
    const { body, open, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 1);
    const abs = averageSeries(c, BODY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 1] === -1 &&
          color[i] === -1 &&
          body[i - 1] > abl[i - 1] &&
          body[i] <= abs[i] &&
          open[i] < open[i - 1] &&
          close[i] > close[i - 1]
            ? 100
            : 0;
      }
    };
  },
);

/** Harami (strict containment), then a third candle closing beyond the first candle's open. */
export const CDL3INSIDE = candleFunction(
  'CDL3INSIDE',
  Math.max(BODY_SHORT.period, BODY_LONG.period) + 2,
  (c, start) => {
    const { body, top, bottom, open, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 2);
    const abs = averageSeries(c, BODY_SHORT, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          body[i - 2] > abl[i - 2] &&
          body[i - 1] <= abs[i - 1] &&
          top[i - 1] < top[i - 2] &&
          bottom[i - 1] > bottom[i - 2] &&
          ((color[i - 2] === 1 && color[i] === -1 && close[i] < open[i - 2]) ||
            (color[i - 2] === -1 && color[i] === 1 && close[i] > open[i - 2]))
            ? -color[i - 2] * 100
            : 0;
      }
    };
  },
);

/** Engulfing, then a third candle closing beyond the second. */
export const CDL3OUTSIDE = candleFunction('CDL3OUTSIDE', 3, (c) => {
  const { open, close, color } = c;
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        (color[i - 1] === 1 &&
          color[i - 2] === -1 &&
          close[i - 1] > open[i - 2] &&
          open[i - 1] < close[i - 2] &&
          close[i] > close[i - 1]) ||
        (color[i - 1] === -1 &&
          color[i - 2] === 1 &&
          open[i - 1] > close[i - 2] &&
          close[i - 1] < open[i - 2] &&
          close[i] < close[i - 1])
          ? color[i - 1] * 100
          : 0;
    }
  };
});
