import { DAY_MS } from './timeframes';

/**
 * Trading calendars of domain §1.2. Equities: NYSE regular hours 09:30–16:00 America/New_York (13:00 on half
 * days) on exchange days; the holiday table is generated from NYSE's rules. Crypto: always. FX: Sunday 17:00 to
 * Friday 17:00 New York.
 */
const HOUR = 3_600_000;

const dayOf = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
const weekday = (day: number) => (day + 4) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
/** The n-th given weekday of a month (n = -1: the last). */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = dayOf(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = dayOf(y, m + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

function easter(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return dayOf(y, month, ((h + l - 7 * m + 114) % 31) + 1);
}

/** Saturday holidays are observed on Friday, Sunday ones on Monday (New Year's Day on a Saturday is not moved). */
function observed(day: number, newYear = false): number | null {
  const wd = weekday(day);
  if (wd === 6) return newYear ? null : day - 1;
  if (wd === 0) return day + 1;
  return day;
}

const cache = new Map<number, { closed: Set<number>; half: Set<number> }>();
function holidays(y: number) {
  let h = cache.get(y);
  if (h) return h;
  const closed = [
    observed(dayOf(y, 1, 1), true),
    nthWeekday(y, 1, 1, 3),
    nthWeekday(y, 2, 1, 3),
    easter(y) - 2,
    nthWeekday(y, 5, 1, -1),
    y >= 2022 ? observed(dayOf(y, 6, 19)) : null,
    observed(dayOf(y, 7, 4)),
    nthWeekday(y, 9, 1, 1),
    nthWeekday(y, 11, 4, 4),
    observed(dayOf(y, 12, 25)),
  ].filter((d): d is number => d !== null);
  const half = [dayOf(y, 7, 3), nthWeekday(y, 11, 4, 4) + 1, dayOf(y, 12, 24)].filter(
    (d) => weekday(d) >= 1 && weekday(d) <= 5 && !closed.includes(d),
  );
  h = { closed: new Set(closed), half: new Set(half) };
  cache.set(y, h);
  return h;
}

/** New York's UTC offset in hours on a UTC day (US rules since 2007: second Sunday of March to first of November). */
export function nyOffsetHours(day: number): number {
  const y = new Date(day * DAY_MS).getUTCFullYear();
  return day >= nthWeekday(y, 3, 0, 2) && day < nthWeekday(y, 11, 0, 1) ? -4 : -5;
}

/** Regular session [open, close) in epoch ms of UTC day `day` (days since epoch), or null when closed. */
export function equitySession(day: number): { open: number; close: number } | null {
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return null;
  const h = holidays(new Date(day * DAY_MS).getUTCFullYear());
  if (h.closed.has(day)) return null;
  const base = day * DAY_MS - nyOffsetHours(day) * HOUR;
  return { open: base + 9.5 * HOUR, close: base + (h.half.has(day) ? 13 : 16) * HOUR };
}

/** Is the FX market open at instant t (Sunday 17:00 – Friday 17:00 New York)? */
export function fxOpen(t: number): boolean {
  const day = Math.floor(t / DAY_MS);
  const local = t + nyOffsetHours(day) * HOUR;
  const wd = weekday(Math.floor(local / DAY_MS));
  const hour = (local % DAY_MS) / HOUR;
  if (wd === 6) return false;
  if (wd === 0) return hour >= 17;
  if (wd === 5) return hour < 17;
  return true;
}

/** Is the asset class's market open at instant t? Equities: regular hours only; crypto: always. */
export function marketOpen(assetClass: string, t: number): boolean {
  if (assetClass === 'crypto') return true;
  if (assetClass === 'forex') return fxOpen(t);
  const s = equitySession(Math.floor(t / DAY_MS));
  return s !== null && t >= s.open && t < s.close;
}

/**
 * End of the trading day that `t` belongs to, where a `day` order expires: equities at the close of the session in
 * progress or, outside one, of the next session; crypto and FX at the next 00:00 UTC.
 */
export function tradingDayEnd(assetClass: string, t: number): number {
  if (assetClass !== 'equity') return (Math.floor(t / DAY_MS) + 1) * DAY_MS;
  for (let day = Math.floor(t / DAY_MS); ; day += 1) {
    const s = equitySession(day);
    if (s && s.close > t) return s.close;
  }
}

export const isWeekday = (day: number) => weekday(day) >= 1 && weekday(day) <= 5;
