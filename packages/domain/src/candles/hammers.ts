import { candleFunction } from './candle-function';
import { bodyGapDown, bodyGapUp } from './geometry';
import { average, BODY_SHORT, column, initialTotal, NEAR, SHADOW_LONG, SHADOW_VERY_SHORT } from './settings';

// Small body at one end of a long shadow. Hammer / hanging man differ only in where the body sits relative to the
// prior candle; inverted hammer / shooting star only in the gap direction.

/** Short body, long lower shadow, very short upper shadow; `atTop` picks hanging man over hammer. */
function hammerShape(name: string, atTop: boolean) {
  return candleFunction(
    name,
    Math.max(BODY_SHORT.period, SHADOW_LONG.period, SHADOW_VERY_SHORT.period, NEAR.period) + 1,
    (c, out, start) => {
      const { body, upper, lower, bottom, low, high } = c;
      const bs = column(c, BODY_SHORT);
      const sl = column(c, SHADOW_LONG);
      const vs = column(c, SHADOW_VERY_SHORT);
      const nr = column(c, NEAR);
      const pbs = BODY_SHORT.period;
      const psl = SHADOW_LONG.period;
      const pvs = SHADOW_VERY_SHORT.period;
      const pnr = NEAR.period;
      let tbs = initialTotal(bs, BODY_SHORT, start);
      let tsl = initialTotal(sl, SHADOW_LONG, start);
      let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
      let tnr = initialTotal(nr, NEAR, start - 1);
      for (let i = start; i < c.length; i++) {
        out[i] =
          body[i] < average(BODY_SHORT, tbs, bs[i]) &&
          lower[i] > average(SHADOW_LONG, tsl, sl[i]) &&
          upper[i] < average(SHADOW_VERY_SHORT, tvs, vs[i]) &&
          // Hammer: body near or below the prior low. Hanging man: near or above the prior high.
          (atTop
            ? bottom[i] >= high[i - 1] - average(NEAR, tnr, nr[i - 1])
            : bottom[i] <= low[i - 1] + average(NEAR, tnr, nr[i - 1]))
            ? atTop
              ? -100
              : 100
            : 0;
        tbs += bs[i] - bs[i - pbs];
        tsl += sl[i] - sl[i - psl];
        tvs += vs[i] - vs[i - pvs];
        tnr += nr[i - 1] - nr[i - 1 - pnr];
      }
    },
  );
}

export const CDLHAMMER = hammerShape('CDLHAMMER', false);

export const CDLHANGINGMAN = hammerShape('CDLHANGINGMAN', true);

/** Short body, long upper shadow, very short lower shadow, body gapping away; `up` picks shooting star. */
function invertedHammerShape(name: string, up: boolean) {
  return candleFunction(
    name,
    Math.max(BODY_SHORT.period, SHADOW_LONG.period, SHADOW_VERY_SHORT.period) + 1,
    (c, out, start) => {
      const { body, upper, lower } = c;
      const bs = column(c, BODY_SHORT);
      const sl = column(c, SHADOW_LONG);
      const vs = column(c, SHADOW_VERY_SHORT);
      const pbs = BODY_SHORT.period;
      const psl = SHADOW_LONG.period;
      const pvs = SHADOW_VERY_SHORT.period;
      let tbs = initialTotal(bs, BODY_SHORT, start);
      let tsl = initialTotal(sl, SHADOW_LONG, start);
      let tvs = initialTotal(vs, SHADOW_VERY_SHORT, start);
      for (let i = start; i < c.length; i++) {
        out[i] =
          body[i] < average(BODY_SHORT, tbs, bs[i]) &&
          upper[i] > average(SHADOW_LONG, tsl, sl[i]) &&
          lower[i] < average(SHADOW_VERY_SHORT, tvs, vs[i]) &&
          (up ? bodyGapUp(c, i, i - 1) : bodyGapDown(c, i, i - 1))
            ? up
              ? -100
              : 100
            : 0;
        tbs += bs[i] - bs[i - pbs];
        tsl += sl[i] - sl[i - psl];
        tvs += vs[i] - vs[i - pvs];
      }
    },
  );
}

export const CDLINVERTEDHAMMER = invertedHammerShape('CDLINVERTEDHAMMER', false);

export const CDLSHOOTINGSTAR = invertedHammerShape('CDLSHOOTINGSTAR', true);
