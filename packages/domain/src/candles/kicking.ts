import { candleFunction } from './candle-function';
import { candleGapDown, candleGapUp } from './geometry';
import { averageSeries, BODY_LONG, SHADOW_VERY_SHORT } from './settings';

/**
 * Marubozu, then an opposite marubozu gapping away from it. The direction is the second candle's colour (kicking)
 * or the colour of the longer of the two (kicking by length).
 */
function kicking(name: string, byLength: boolean) {
  return candleFunction(name, Math.max(SHADOW_VERY_SHORT.period, BODY_LONG.period) + 1, (c, start) => {
    const { body, upper, lower, color } = c;
    const abl1 = averageSeries(c, BODY_LONG, start - 1);
    const abl0 = averageSeries(c, BODY_LONG, start);
    const avs1 = averageSeries(c, SHADOW_VERY_SHORT, start - 1);
    const avs0 = averageSeries(c, SHADOW_VERY_SHORT, start);
    return (out, from, to) => {
      for (let i = from; i < to; i++) {
        if (
          color[i - 1] === -color[i] &&
          body[i - 1] > abl1[i - 1] &&
          upper[i - 1] < avs1[i - 1] &&
          lower[i - 1] < avs1[i - 1] &&
          body[i] > abl0[i] &&
          upper[i] < avs0[i] &&
          lower[i] < avs0[i] &&
          ((color[i - 1] === -1 && candleGapUp(c, i, i - 1)) || (color[i - 1] === 1 && candleGapDown(c, i, i - 1)))
        ) {
          out[i] = (byLength && body[i] <= body[i - 1] ? color[i - 1] : color[i]) * 100;
        } else {
          out[i] = 0;
        }
      }
    };
  });
}

export const CDLKICKING = kicking('CDLKICKING', false);

export const CDLKICKINGBYLENGTH = kicking('CDLKICKINGBYLENGTH', true);
