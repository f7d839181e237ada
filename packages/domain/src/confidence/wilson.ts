const Z = 1.959964;

/** Wilson 95% interval of a hit rate (spec §11.5); null when n = 0. Bounds are probabilities 0..1. */
export function wilsonInterval(wins: number, n: number): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = wins / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
