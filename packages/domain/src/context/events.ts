import type { Indicators } from '../indicators';
import type { Direction } from '../patterns';
import { patternBySource } from '../registry';
import { trendAt } from './features';

/** A candlestick detection event (spec §3.5). */
export interface CandleEvent {
  readonly patternId: string;
  readonly patternKey: string;
  readonly direction: Direction;
  readonly barIndex: number;
  readonly raw: number;
  readonly strength: number;
}

/** `pattern_id:bull` or `pattern_id:bear`: the key statistics, priors and model one-hots use. */
export function patternKey(patternId: string, direction: Direction): string {
  return `${patternId}:${direction === 1 ? 'bull' : 'bear'}`;
}

/**
 * Events from one candle function's raw output over bars [from, to): one per non-zero bar, except that Hikkake
 * forms count only when confirmed (±200), and neutral (N) candles read against the trend (-trend(t)) and make no
 * event in a flat market. `source` is the function name ('CDLDOJI', 'TX_TWEEZER_TOP').
 */
export function toDetectionEvents(
  source: string,
  raw: Int16Array,
  ind: Indicators,
  from = 0,
  to = raw.length,
): CandleEvent[] {
  const info = patternBySource(source);
  if (info?.family !== 'candlestick') throw new Error(`unknown candle function ${source}`);
  const confirmedOnly = source.startsWith('CDLHIKKAKE');
  const events: CandleEvent[] = [];
  for (let t = from; t < to; t++) {
    const value = raw[t];
    if (value === 0 || (confirmedOnly && Math.abs(value) !== 200)) continue;
    let direction: Direction;
    if (info.directionRule === 'context') {
      const trend = trendAt(ind, t);
      if (trend === 'flat') continue;
      direction = trend === 'up' ? -1 : 1;
    } else if (info.directionRule === 'fixed') {
      direction = info.directions[0];
    } else {
      direction = value > 0 ? 1 : -1;
    }
    events.push({
      patternId: info.id,
      patternKey: patternKey(info.id, direction),
      direction,
      barIndex: t,
      raw: value,
      strength: Math.min(1, Math.abs(value) / 100),
    });
  }
  return events;
}
