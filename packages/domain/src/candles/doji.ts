import { candleFunction } from './candle-function';
import { averageSeries, BODY_DOJI, NEAR, SHADOW_LONG, SHADOW_VERY_LONG, SHADOW_VERY_SHORT } from './settings';

// Dojis: body within BodyDoji of the average range, told apart by their shadows. All report +100.

export const CDLDOJI = candleFunction('CDLDOJI', BODY_DOJI.period, (c, start) => {
  const { body } = c;
  const a = averageSeries(c, BODY_DOJI, start);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] = body[i] <= a[i] ? 100 : 0;
    }
  };
});

/**
 * Doji whose shadow on one side is very short and on the other side is not: dragonfly (short upper, long lower) or
 * gravestone (short lower, long upper).
 */
function oneSidedDoji(name: string, shortUpper: boolean) {
  return candleFunction(name, Math.max(BODY_DOJI.period, SHADOW_VERY_SHORT.period), (c, start) => {
    const { body, upper, lower } = c;
    const abd = averageSeries(c, BODY_DOJI, start);
    const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        const shortSide = shortUpper ? upper[i] : lower[i];
        const longSide = shortUpper ? lower[i] : upper[i];
        out[i] = body[i] <= abd[i] && shortSide < avs[i] && longSide > avs[i] ? 100 : 0;
      }
    };
  });
}

export const CDLDRAGONFLYDOJI = oneSidedDoji('CDLDRAGONFLYDOJI', true);

export const CDLGRAVESTONEDOJI = oneSidedDoji('CDLGRAVESTONEDOJI', false);

/** Doji with at least one long shadow. */
export const CDLLONGLEGGEDDOJI = candleFunction(
  'CDLLONGLEGGEDDOJI',
  Math.max(BODY_DOJI.period, SHADOW_LONG.period),
  (c, start) => {
    const { body, upper, lower } = c;
    const abd = averageSeries(c, BODY_DOJI, start);
    const asl = averageSeries(c, SHADOW_LONG, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] = body[i] <= abd[i] && (lower[i] > asl[i] || upper[i] > asl[i]) ? 100 : 0;
      }
    };
  },
);

/** Doji with two long shadows and the body near the middle of the range. */
export const CDLRICKSHAWMAN = candleFunction(
  'CDLRICKSHAWMAN',
  Math.max(BODY_DOJI.period, SHADOW_LONG.period, NEAR.period),
  (c, start) => {
    const { body, upper, lower, low, range, top, bottom } = c;
    const abd = averageSeries(c, BODY_DOJI, start);
    const asl = averageSeries(c, SHADOW_LONG, start);
    const anr = averageSeries(c, NEAR, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        const mid = low[i] + range[i] / 2;
        out[i] =
          body[i] <= abd[i] &&
          lower[i] > asl[i] &&
          upper[i] > asl[i] &&
          bottom[i] <= mid + anr[i] &&
          top[i] >= mid - anr[i]
            ? 100
            : 0;
      }
    };
  },
);

/** Dragonfly doji whose lower shadow is very long. */
export const CDLTAKURI = candleFunction(
  'CDLTAKURI',
  Math.max(BODY_DOJI.period, SHADOW_VERY_SHORT.period, SHADOW_VERY_LONG.period),
  (c, start) => {
    const { body, upper, lower } = c;
    const abd = averageSeries(c, BODY_DOJI, start);
    const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
    const avl = averageSeries(c, SHADOW_VERY_LONG, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] = body[i] <= abd[i] && upper[i] < avs[i] && lower[i] > avl[i] ? 100 : 0;
      }
    };
  },
);
