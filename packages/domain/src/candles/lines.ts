import { candleFunction } from './candle-function';
import { averageSeries, BODY_LONG, EQUAL, SHADOW_VERY_SHORT } from './settings';

// Two-candle line patterns: a second candle opening away from the first and closing at a telling level of it.

/** TA-Lib's default optInPenetration for dark cloud cover (domain spec §3.1). */
const DARK_CLOUD_PENETRATION = 0.5;

/** Long white; black opening above the prior high and closing more than halfway into the white body. */
export const CDLDARKCLOUDCOVER = candleFunction('CDLDARKCLOUDCOVER', BODY_LONG.period + 1, (c, start) => {
  const { body, open, high, close, color } = c;
  const a = averageSeries(c, BODY_LONG, start - 1);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 1] === 1 &&
        body[i - 1] > a[i - 1] &&
        color[i] === -1 &&
        open[i] > high[i - 1] &&
        close[i] > open[i - 1] &&
        close[i] < close[i - 1] - body[i - 1] * DARK_CLOUD_PENETRATION
          ? -100
          : 0;
    }
  };
});

/** Long black; long white opening below the prior low and closing above the black body's midpoint. */
export const CDLPIERCING = candleFunction('CDLPIERCING', BODY_LONG.period + 1, (c, start) => {
  const { body, open, low, close, color } = c;
  const a1 = averageSeries(c, BODY_LONG, start - 1);
  const a0 = averageSeries(c, BODY_LONG, start);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 1] === -1 &&
        body[i - 1] > a1[i - 1] &&
        color[i] === 1 &&
        body[i] > a0[i] &&
        open[i] < low[i - 1] &&
        close[i] < open[i - 1] &&
        close[i] > close[i - 1] + body[i - 1] * 0.5
          ? 100
          : 0;
    }
  };
});

const IN_NECK = 0;
const ON_NECK = 1;
const THRUSTING = 2;

/**
 * Long black, then a white opening below its low and closing: just into the black body (in-neck), at its low
 * (on-neck), or into it but below its midpoint (thrusting). All bearish continuation.
 */
function neck(name: string, kind: typeof IN_NECK | typeof ON_NECK | typeof THRUSTING) {
  return candleFunction(name, Math.max(EQUAL.period, BODY_LONG.period) + 1, (c, start) => {
    const { body, open, low, close, color } = c;
    const abl = averageSeries(c, BODY_LONG, start - 1);
    const aeq = averageSeries(c, EQUAL, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        let closes: boolean;
        if (kind === IN_NECK) closes = close[i] <= close[i - 1] + aeq[i - 1] && close[i] >= close[i - 1];
        else if (kind === ON_NECK) closes = close[i] <= low[i - 1] + aeq[i - 1] && close[i] >= low[i - 1] - aeq[i - 1];
        else closes = close[i] > close[i - 1] + aeq[i - 1] && close[i] <= close[i - 1] + body[i - 1] * 0.5;
        out[i] =
          color[i - 1] === -1 && body[i - 1] > abl[i - 1] && color[i] === 1 && open[i] < low[i - 1] && closes
            ? -100
            : 0;
      }
    };
  });
}

export const CDLINNECK = neck('CDLINNECK', IN_NECK);

export const CDLONNECK = neck('CDLONNECK', ON_NECK);

export const CDLTHRUSTING = neck('CDLTHRUSTING', THRUSTING);

/** Long body, then an opposite long body closing at (Equal of) the prior close. */
export const CDLCOUNTERATTACK = candleFunction(
  'CDLCOUNTERATTACK',
  Math.max(EQUAL.period, BODY_LONG.period) + 1,
  (c, start) => {
    const { body, close, color } = c;
    const aeq = averageSeries(c, EQUAL, start - 1);
    const abl1 = averageSeries(c, BODY_LONG, start - 1);
    const abl0 = averageSeries(c, BODY_LONG, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 1] === -color[i] &&
          body[i - 1] > abl1[i - 1] &&
          body[i] > abl0[i] &&
          close[i] <= close[i - 1] + aeq[i - 1] &&
          close[i] >= close[i - 1] - aeq[i - 1]
            ? color[i] * 100
            : 0;
      }
    };
  },
);

/** Two black candles closing at (Equal of) the same price. */
export const CDLMATCHINGLOW = candleFunction('CDLMATCHINGLOW', EQUAL.period + 1, (c, start) => {
  const { close, color } = c;
  const a = averageSeries(c, EQUAL, start - 1);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 1] === -1 &&
        color[i] === -1 &&
        close[i] <= close[i - 1] + a[i - 1] &&
        close[i] >= close[i - 1] - a[i - 1]
          ? 100
          : 0;
    }
  };
});

/** Opposite candle, then a belt hold opening at (Equal of) the same price. */
export const CDLSEPARATINGLINES = candleFunction(
  'CDLSEPARATINGLINES',
  Math.max(SHADOW_VERY_SHORT.period, BODY_LONG.period, EQUAL.period) + 1,
  (c, start) => {
    const { body, upper, lower, open, color } = c;
    const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
    const abl = averageSeries(c, BODY_LONG, start);
    const aeq = averageSeries(c, EQUAL, start - 1);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        out[i] =
          color[i - 1] === -color[i] &&
          open[i] <= open[i - 1] + aeq[i - 1] &&
          open[i] >= open[i - 1] - aeq[i - 1] &&
          body[i] > abl[i] &&
          ((color[i] === 1 && lower[i] < avs[i]) || (color[i] === -1 && upper[i] < avs[i]))
            ? color[i] * 100
            : 0;
      }
    };
  },
);

/** Black, white trading above the prior close, black closing at (Equal of) the first close. */
export const CDLSTICKSANDWICH = candleFunction('CDLSTICKSANDWICH', EQUAL.period + 2, (c, start) => {
  const { low, close, color } = c;
  const a = averageSeries(c, EQUAL, start - 2);
  return (out, from, to) => {
    for (let i = from; i < to; i++) {
      out[i] =
        color[i - 2] === -1 &&
        color[i - 1] === 1 &&
        color[i] === -1 &&
        low[i - 1] > close[i - 2] &&
        close[i] <= close[i - 2] + a[i - 2] &&
        close[i] >= close[i - 2] - a[i - 2]
          ? 100
          : 0;
    }
  };
});
