import { candleFunction } from './candle-function';
import { bodyGapDown, bodyGapUp } from './geometry';
import { averageSeries, BODY_SHORT, NEAR, SHADOW_LONG, SHADOW_VERY_SHORT } from './settings';

// Small body at one end of a long shadow. Hammer / hanging man differ only in where the body sits relative to the
// prior candle; inverted hammer / shooting star only in the gap direction.

/** Short body, long lower shadow, very short upper shadow; `atTop` picks hanging man over hammer. */
function hammerShape(name: string, atTop: boolean) {
  return candleFunction(
    name,
    Math.max(BODY_SHORT.period, SHADOW_LONG.period, SHADOW_VERY_SHORT.period, NEAR.period) + 1,
    (c, start) => {
      const { body, upper, lower, bottom, low, high } = c;
      const abs = averageSeries(c, BODY_SHORT, start);
      const asl = averageSeries(c, SHADOW_LONG, start);
      const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
      const anr = averageSeries(c, NEAR, start - 1);
      return (out, from, to) => {
        for (let i = from; i < to; i++) {
          out[i] =
            body[i] < abs[i] &&
            lower[i] > asl[i] &&
            upper[i] < avs[i] &&
            // Hammer: body near or below the prior low. Hanging man: near or above the prior high.
            (atTop ? bottom[i] >= high[i - 1] - anr[i - 1] : bottom[i] <= low[i - 1] + anr[i - 1])
              ? atTop
                ? -100
                : 100
              : 0;
        }
      };
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
    (c, start) => {
      const { body, upper, lower } = c;
      const abs = averageSeries(c, BODY_SHORT, start);
      const asl = averageSeries(c, SHADOW_LONG, start);
      const avs = averageSeries(c, SHADOW_VERY_SHORT, start);
      return (out, from, to) => {
        for (let i = from; i < to; i++) {
          out[i] =
            body[i] < abs[i] &&
            upper[i] > asl[i] &&
            lower[i] < avs[i] &&
            (up ? bodyGapUp(c, i, i - 1) : bodyGapDown(c, i, i - 1))
              ? up
                ? -100
                : 100
              : 0;
        }
      };
    },
  );
}

export const CDLINVERTEDHAMMER = invertedHammerShape('CDLINVERTEDHAMMER', false);

export const CDLSHOOTINGSTAR = invertedHammerShape('CDLSHOOTINGSTAR', true);
