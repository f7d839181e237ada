import { candleFunction } from './candle-function';
import {
  average,
  BODY_DOJI,
  column,
  initialTotal,
  NEAR,
  SHADOW_LONG,
  SHADOW_VERY_LONG,
  SHADOW_VERY_SHORT,
} from './settings';

// Dojis: body within BodyDoji of the average range, told apart by their shadows. All report +100.

export const CDLDOJI = candleFunction('CDLDOJI', BODY_DOJI.period, (c, out, start) => {
  const { body } = c;
  const bd = column(c, BODY_DOJI);
  const p = BODY_DOJI.period;
  let t = initialTotal(bd, BODY_DOJI, start);
  for (let i = start; i < c.length; i++) {
    out[i] = body[i] <= average(BODY_DOJI, t, bd[i]) ? 100 : 0;
    t += bd[i] - bd[i - p];
  }
});

/**
 * Doji whose shadow on one side is very short and on the other side is not: dragonfly (short upper, long lower) or
 * gravestone (short lower, long upper).
 */
function oneSidedDoji(name: string, shortUpper: boolean) {
  return candleFunction(name, Math.max(BODY_DOJI.period, SHADOW_VERY_SHORT.period), (c, out, start) => {
    const { body, upper, lower } = c;
    const bd = column(c, BODY_DOJI);
    const vs = column(c, SHADOW_VERY_SHORT);
    const pbd = BODY_DOJI.period;
    const pvs = SHADOW_VERY_SHORT.period;
    let tbd = initialTotal(bd, BODY_DOJI, start);
    let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      const shortSide = shortUpper ? upper[i] : lower[i];
      const longSide = shortUpper ? lower[i] : upper[i];
      out[i] =
        body[i] <= average(BODY_DOJI, tbd, bd[i]) &&
        shortSide < average(SHADOW_VERY_SHORT, tvs, vs[i]) &&
        longSide > average(SHADOW_VERY_SHORT, tvs, vs[i])
          ? 100
          : 0;
      tbd += bd[i] - bd[i - pbd];
      tvs += vs[i] - vs[i - pvs];
    }
  });
}

export const CDLDRAGONFLYDOJI = oneSidedDoji('CDLDRAGONFLYDOJI', true);

export const CDLGRAVESTONEDOJI = oneSidedDoji('CDLGRAVESTONEDOJI', false);

/** Doji with at least one long shadow. */
export const CDLLONGLEGGEDDOJI = candleFunction(
  'CDLLONGLEGGEDDOJI',
  Math.max(BODY_DOJI.period, SHADOW_LONG.period),
  (c, out, start) => {
    const { body, upper, lower } = c;
    const bd = column(c, BODY_DOJI);
    const sl = column(c, SHADOW_LONG);
    const pbd = BODY_DOJI.period;
    const psl = SHADOW_LONG.period;
    let tbd = initialTotal(bd, BODY_DOJI, start);
    let tsl = initialTotal(sl, SHADOW_LONG, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        body[i] <= average(BODY_DOJI, tbd, bd[i]) &&
        (lower[i] > average(SHADOW_LONG, tsl, sl[i]) || upper[i] > average(SHADOW_LONG, tsl, sl[i]))
          ? 100
          : 0;
      tbd += bd[i] - bd[i - pbd];
      tsl += sl[i] - sl[i - psl];
    }
  },
);

/** Doji with two long shadows and the body near the middle of the range. */
export const CDLRICKSHAWMAN = candleFunction(
  'CDLRICKSHAWMAN',
  Math.max(BODY_DOJI.period, SHADOW_LONG.period, NEAR.period),
  (c, out, start) => {
    const { body, upper, lower, low, range, top, bottom } = c;
    const bd = column(c, BODY_DOJI);
    const sl = column(c, SHADOW_LONG);
    const nr = column(c, NEAR);
    const pbd = BODY_DOJI.period;
    const psl = SHADOW_LONG.period;
    const pnr = NEAR.period;
    let tbd = initialTotal(bd, BODY_DOJI, start);
    let tsl = initialTotal(sl, SHADOW_LONG, start);
    let tnr = initialTotal(nr, NEAR, start);
    for (let i = start; i < c.length; i++) {
      const mid = low[i] + range[i] / 2;
      out[i] =
        body[i] <= average(BODY_DOJI, tbd, bd[i]) &&
        lower[i] > average(SHADOW_LONG, tsl, sl[i]) &&
        upper[i] > average(SHADOW_LONG, tsl, sl[i]) &&
        bottom[i] <= mid + average(NEAR, tnr, nr[i]) &&
        top[i] >= mid - average(NEAR, tnr, nr[i])
          ? 100
          : 0;
      tbd += bd[i] - bd[i - pbd];
      tsl += sl[i] - sl[i - psl];
      tnr += nr[i] - nr[i - pnr];
    }
  },
);

/** Dragonfly doji whose lower shadow is very long. */
export const CDLTAKURI = candleFunction(
  'CDLTAKURI',
  Math.max(BODY_DOJI.period, SHADOW_VERY_SHORT.period, SHADOW_VERY_LONG.period),
  (c, out, start) => {
    const { body, upper, lower } = c;
    const bd = column(c, BODY_DOJI);
    const vs = column(c, SHADOW_VERY_SHORT);
    const vl = column(c, SHADOW_VERY_LONG);
    const pbd = BODY_DOJI.period;
    const pvs = SHADOW_VERY_SHORT.period;
    const pvl = SHADOW_VERY_LONG.period;
    let tbd = initialTotal(bd, BODY_DOJI, start);
    let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
    let tvl = initialTotal(vl, SHADOW_VERY_LONG, start);
    for (let i = start; i < c.length; i++) {
      out[i] =
        body[i] <= average(BODY_DOJI, tbd, bd[i]) &&
        upper[i] < average(SHADOW_VERY_SHORT, tvs, vs[i]) &&
        lower[i] > average(SHADOW_VERY_LONG, tvl, vl[i])
          ? 100
          : 0;
      tbd += bd[i] - bd[i - pbd];
      tvs += vs[i] - vs[i - pvs];
      tvl += vl[i] - vl[i - pvl];
    }
  },
);
