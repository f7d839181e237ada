import { type BarSeries, sliceBars } from '../bars';
import { CANDLE_FUNCTIONS, candleContext, TWEEZERS } from '../candles';
import { contextAt, type DetectionContext, patternKey, toDetectionEvents } from '../context';
import { computeIndicators } from '../indicators';
import { detectChartPatterns } from '../patterns';
import { type Family, getPattern } from '../registry';

export const DETECTOR_VERSION = 'det-1';
/** Detection window and minimum history (spec §1.3, decision). */
export const DETECTION_WINDOW = 500;
export const MIN_HISTORY = 250;
/**
 * Candle outputs at t depend on bars t-14..t only (spec §1.3), so candles are computed on a tail this long before
 * `from`: a live cycle with one new bar evaluates ~70 bars instead of 500.
 */
const CANDLE_TAIL = 64;

/** A detection event with what spec §5.2 stores beside it, before confidence is attached. */
export interface WindowDetection {
  readonly patternId: string;
  readonly patternKey: string;
  readonly patternName: string;
  readonly family: Family;
  readonly raw: number | null;
  readonly direction: 1 | -1;
  readonly strength: number;
  readonly barIndex: number;
  readonly price: number;
  readonly volume: number;
  readonly atr: number;
  readonly context: DetectionContext;
}

export interface WindowOptions {
  /** First and one-past-last bar to report (confirmation bars), defaults: the whole series. */
  readonly from?: number;
  readonly to?: number;
  /** How many stored bars precede bars[0] in the series (0 when bars[0] is the first stored bar, s0). */
  readonly offset?: number;
  /** Chart/indicator pattern id → index (in `bars`) of its latest earlier stored detection, for the refractory rule. */
  readonly lastChart?: ReadonlyMap<string, number>;
}

/**
 * Every detection confirmed on bars [from, to) of a series, in bar order: candle events (spec §3.5) and chart and
 * indicator patterns (§4), each with its context at the confirmation bar (§5.1). Indicators are computed once over
 * `bars` and shared; every rule reads bars <= t only, so a longer series never changes an earlier detection. Nothing
 * is emitted while fewer than 250 bars precede t.
 */
export function detectWindow(bars: BarSeries, opts: WindowOptions = {}): WindowDetection[] {
  const offset = opts.offset ?? 0;
  const from = Math.max(opts.from ?? 0, MIN_HISTORY - offset, 0);
  const to = Math.min(opts.to ?? bars.length, bars.length);
  if (from >= to) return [];
  const ind = computeIndicators(bars);
  const tailStart = Math.max(0, from - CANDLE_TAIL);
  const tail = sliceBars(bars, tailStart, to);
  const ctx = candleContext(tail);
  const raw = new Int16Array(to);
  const out: WindowDetection[] = [];
  const push = (
    patternId: string,
    direction: 1 | -1,
    t: number,
    strength: number,
    raw: number | null,
    key = patternKey(patternId, direction),
  ) => {
    const info = getPattern(patternId);
    if (!info) throw new Error(`pattern ${patternId} is not in the registry`);
    const bothWays = info.directions.length > 1;
    out.push({
      patternId,
      patternKey: key,
      patternName: bothWays ? `${direction === 1 ? 'Bullish' : 'Bearish'} ${info.name}` : info.name,
      family: info.family,
      raw,
      direction,
      strength,
      barIndex: t,
      price: bars.close[t],
      volume: bars.volume[t],
      atr: ind.atr14[t],
      context: contextAt(bars, ind, t),
    });
  };
  for (const fn of [...CANDLE_FUNCTIONS, ...TWEEZERS]) {
    if (tail.length <= fn.lookback) continue;
    raw.set(fn.compute(tail, undefined, ctx), tailStart);
    for (const e of toDetectionEvents(fn.name, raw, ind, from, to)) {
      push(e.patternId, e.direction, e.barIndex, e.strength, e.raw, e.patternKey);
    }
  }
  for (const c of detectChartPatterns(bars, ind, from, to, opts.lastChart)) {
    push(c.patternId, c.direction, c.barIndex, c.strength, null);
  }
  return out.sort((a, b) => a.barIndex - b.barIndex);
}
