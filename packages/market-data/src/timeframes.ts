import type { Timeframe } from './types';

export const TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'];
/** 30m and 1w are chart-only (domain §1.2). */
export const ANALYSIS_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

const MINUTE = 60_000;
export const DAY_MS = 1440 * MINUTE;
export const DURATION_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': DAY_MS,
  '1w': 7 * DAY_MS,
};

const ALIASES: Record<string, Timeframe> = {
  '1d': '1d',
  '1D': '1d',
  D: '1d',
  d: '1d',
  daily: '1d',
  DAILY: '1d',
  Daily: '1d',
  '60m': '1h',
  '1H': '1h',
  '240m': '4h',
  '4H': '4h',
  '1wk': '1w',
  W: '1w',
  w: '1w',
  '1W': '1w',
};

/** Accepted spellings (api.md §1.7) → timeframe, or null (400 INVALID_TIMEFRAME). */
export function parseTimeframe(input: string): Timeframe | null {
  const s = input.trim();
  if ((TIMEFRAMES as readonly string[]).includes(s)) return s as Timeframe;
  return ALIASES[s] ?? null;
}

export const PERIODS = ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'] as const;
export type Period = (typeof PERIODS)[number];

/** Start of a candles `period` window ending at `now` (calendar arithmetic in UTC); `max` has none. */
export function periodStart(period: Period, now: number): number | null {
  const d = new Date(now);
  const back = (days: number) => now - days * DAY_MS;
  const months = (m: number) =>
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - m, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  switch (period) {
    case '1d':
      return back(1);
    case '5d':
      return back(5);
    case '1mo':
      return months(1);
    case '3mo':
      return months(3);
    case '6mo':
      return months(6);
    case '1y':
      return months(12);
    case '2y':
      return months(24);
    case '5y':
      return months(60);
    case '10y':
      return months(120);
    case 'ytd':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case 'max':
      return null;
  }
}

/** Monday 00:00 UTC of the week holding `t` (1w alignment, domain §1.2). */
export function weekStart(t: number): number {
  const day = Math.floor(t / DAY_MS);
  const dow = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  return (day - dow) * DAY_MS;
}
