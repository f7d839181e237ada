import { emptySeries } from './series';

/**
 * VOLZ(n) (TX, spec §2): z-score of V_t against the mean and population σ of the previous n volumes (the current
 * bar excluded), 0 when σ = 0. Sums are recomputed per bar from the window, so no drift accumulates.
 */
export function volz(volume: Float64Array, n = 20): Float64Array {
  const out = emptySeries(volume.length, n);
  for (let t = n; t < volume.length; t++) {
    let sum = 0;
    for (let i = t - n; i < t; i++) sum += volume[i];
    const mean = sum / n;
    let squares = 0;
    for (let i = t - n; i < t; i++) squares += (volume[i] - mean) ** 2;
    const sigma = Math.sqrt(squares / n);
    out[t] = sigma === 0 ? 0 : (volume[t] - mean) / sigma;
  }
  return out;
}
