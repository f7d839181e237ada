import { equitySession, nyOffsetHours } from '../calendar';
import { DAY_MS, DURATION_MS } from '../timeframes';
import type { AssetClass, Bar, Timeframe } from '../types';

/**
 * Rebuilds bars on the epoch-aligned grid of `tf` from finer bars (domain §1.2): O first, H max, L min, C last,
 * V sum; equities keep regular-hours bars only, so session-edge buckets are partial.
 */
export function rebucket(bars: Bar[], tf: Timeframe, cls: AssetClass): Bar[] {
  const dur = DURATION_MS[tf];
  const out: Bar[] = [];
  for (const b of bars) {
    if (cls === 'equity') {
      const s = equitySession(Math.floor(b.time / DAY_MS));
      if (!s || b.time < s.open || b.time >= s.close) continue;
    }
    const key = Math.floor(b.time / dur) * dur;
    const last = out.at(-1);
    if (last && last.time === key) {
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      last.volume += b.volume;
    } else {
      out.push({ ...b, time: key });
    }
  }
  return out;
}

/** Close time of a bar (equities: capped at the session close; equity 1d: the session close). */
export function closeTime(time: number, tf: Timeframe, cls: AssetClass): number {
  if (cls !== 'equity') return time + DURATION_MS[tf];
  const s = equitySession(Math.floor(time / DAY_MS));
  if (tf === '1d') return s ? s.close : time + DAY_MS;
  return s ? Math.min(time + DURATION_MS[tf], s.close) : time + DURATION_MS[tf];
}

/** Keeps valid, final bars in [from, to), ascending and unique (domain §1.1, §1.3). */
export function finalBars(
  bars: Bar[],
  tf: Timeframe,
  cls: AssetClass,
  from: number,
  to: number,
  now: number,
  lagMs: number,
): Bar[] {
  const sorted = bars
    .filter(
      (b) =>
        b.time >= from &&
        b.time < to &&
        closeTime(b.time, tf, cls) + lagMs <= now &&
        [b.open, b.high, b.low, b.close].every((x) => Number.isFinite(x) && x > 0) &&
        b.low <= Math.min(b.open, b.close) &&
        Math.max(b.open, b.close) <= b.high &&
        b.volume >= 0,
    )
    .sort((a, b) => a.time - b.time);
  return sorted.filter((b, i) => i === 0 || b.time !== (sorted[i - 1] as Bar).time);
}

/** UTC date of a New York trade day given any instant inside it, as 00:00 UTC epoch ms (equity 1d alignment). */
export function nyTradeDate(t: number): number {
  const local = t + nyOffsetHours(Math.floor(t / DAY_MS)) * 3_600_000;
  return Math.floor(local / DAY_MS) * DAY_MS;
}
