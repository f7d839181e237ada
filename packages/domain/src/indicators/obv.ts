import type { BarSeries } from '../bars';
import { emptySeries } from './series';

/** On-balance volume from V_0: add the volume on an up close, subtract it on a down close. */
export function obv(bars: BarSeries, out = emptySeries(bars.length, 0)): Float64Array {
  if (bars.length === 0) return out;
  const { close, volume } = bars;
  let total = volume[0];
  out[0] = total;
  for (let i = 1; i < bars.length; i++) {
    if (close[i] > close[i - 1]) total += volume[i];
    else if (close[i] < close[i - 1]) total -= volume[i];
    out[i] = total;
  }
  return out;
}
