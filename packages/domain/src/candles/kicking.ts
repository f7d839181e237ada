import { candleFunction } from './candle-function';
import { candleGapDown, candleGapUp } from './geometry';
import { average, BODY_LONG, column, initialTotal, SHADOW_VERY_SHORT } from './settings';

/**
 * Marubozu, then an opposite marubozu gapping away from it. The direction is the second candle's colour (kicking)
 * or the colour of the longer of the two (kicking by length).
 */
function kicking(name: string, byLength: boolean) {
  return candleFunction(name, Math.max(SHADOW_VERY_SHORT.period, BODY_LONG.period) + 1, (c, out, start) => {
    const { body, upper, lower, color } = c;
    const bl = column(c, BODY_LONG);
    const vs = column(c, SHADOW_VERY_SHORT);
    const pbl = BODY_LONG.period;
    const pvs = SHADOW_VERY_SHORT.period;
    let tbl1 = initialTotal(bl, BODY_LONG, start - 1);
    let tbl0 = initialTotal(bl, BODY_LONG, start);
    let tvs1 = initialTotal(vs, SHADOW_VERY_SHORT, start - 1);
    let tvs0 = initialTotal(vs, SHADOW_VERY_SHORT, start);
    for (let i = start; i < c.length; i++) {
      if (
        color[i - 1] === -color[i] &&
        body[i - 1] > average(BODY_LONG, tbl1, bl[i - 1]) &&
        upper[i - 1] < average(SHADOW_VERY_SHORT, tvs1, vs[i - 1]) &&
        lower[i - 1] < average(SHADOW_VERY_SHORT, tvs1, vs[i - 1]) &&
        body[i] > average(BODY_LONG, tbl0, bl[i]) &&
        upper[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        lower[i] < average(SHADOW_VERY_SHORT, tvs0, vs[i]) &&
        ((color[i - 1] === -1 && candleGapUp(c, i, i - 1)) || (color[i - 1] === 1 && candleGapDown(c, i, i - 1)))
      ) {
        out[i] = (byLength && body[i] <= body[i - 1] ? color[i - 1] : color[i]) * 100;
      } else {
        out[i] = 0;
      }
      tbl1 += bl[i - 1] - bl[i - 1 - pbl];
      tbl0 += bl[i] - bl[i - pbl];
      tvs1 += vs[i - 1] - vs[i - 1 - pvs];
      tvs0 += vs[i] - vs[i - pvs];
    }
  });
}

export const CDLKICKING = kicking('CDLKICKING', false);

export const CDLKICKINGBYLENGTH = kicking('CDLKICKINGBYLENGTH', true);
