import type { bars } from '@tx/db';

const DAY = 86_400_000;

/** Open times of the newest `n` weekdays whose daily bar is final now (open + 1 day <= now), oldest first. */
export function finalWeekdays(n: number): number[] {
  const out: number[] = [];
  let t = Math.floor(Date.now() / DAY) * DAY - DAY;
  while (out.length < n) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(t);
    t -= DAY;
  }
  return out.reverse();
}

/** A deterministic random walk per seed (xorshift) at the given open times: valid OHLCV daily bars. */
export function randomWalkBars(seed: number, times: number[]): bars.BarColumns {
  let x = seed * 2654435761 + 1;
  const rnd = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
  const cols: bars.BarColumns = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  let c = 50 + (seed % 200);
  for (const t of times) {
    const o = c * (1 + (rnd() - 0.5) * 0.01);
    c = o * (1 + (rnd() - 0.5) * 0.04);
    cols.time.push(t);
    cols.open.push(o);
    cols.close.push(c);
    cols.high.push(Math.max(o, c) * (1 + rnd() * 0.01));
    cols.low.push(Math.min(o, c) * (1 - rnd() * 0.01));
    cols.volume.push(Math.round(1e6 * (0.5 + rnd())));
  }
  return cols;
}

/** Bars [a, b) of some columns. */
export const sliceColumns = (c: bars.BarColumns, a: number, b: number): bars.BarColumns => ({
  time: c.time.slice(a, b),
  open: c.open.slice(a, b),
  high: c.high.slice(a, b),
  low: c.low.slice(a, b),
  close: c.close.slice(a, b),
  volume: c.volume.slice(a, b),
});
