import type { detections } from '@tx/db';
import { getPattern, listPatterns, type PatternInfo, riskLevels } from '@tx/domain';

export interface PatternMatch {
  ids: string[];
  /** A direction-qualified name ("Bullish Engulfing") selects that direction only. */
  direction: 1 | -1 | null;
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Resolves a pattern name as api.md §3.4 reads it: display names, registry keys (with or without `cdl_`), classic
 * candlestick function names, case-insensitive, spaces and hyphens as `_`, optionally prefixed with a direction.
 */
export function resolvePattern(name: string): PatternMatch | null {
  let key = norm(name);
  let direction: 1 | -1 | null = null;
  const qualified = /^(bullish|bearish)_(.+)$/.exec(key);
  if (qualified && !listPatterns().some((p) => norm(p.name) === key || p.id === key)) {
    direction = qualified[1] === 'bullish' ? 1 : -1;
    key = qualified[2];
  }
  const ids = listPatterns()
    .filter(
      (p) =>
        p.id === key ||
        p.id === `cdl_${key}` ||
        norm(p.name) === key ||
        norm(p.source) === key ||
        norm(p.name).replace(/\//g, '_') === key,
    )
    .filter((p) => direction === null || p.directions.includes(direction))
    .map((p) => p.id);
  return ids.length > 0 ? { ids: [...new Set(ids)], direction } : null;
}

/** Display name of a detection: the registry name, prefixed Bullish/Bearish when the pattern has both directions. */
export function displayName(patternId: string, direction: 1 | -1): string {
  const info = getPattern(patternId);
  if (!info) return patternId;
  return info.directions.length > 1 ? `${direction === 1 ? 'Bullish' : 'Bearish'} ${info.name}` : info.name;
}

export function patternInfoObject(p: PatternInfo) {
  return {
    key: p.id,
    name: p.name,
    family: p.family,
    directions: p.directions.map((d) => (d === 1 ? 'bullish' : 'bearish')),
    lookback_bars: p.lookback,
    confirmation: p.confirmation,
    description: p.explanation.what,
    how_it_works: p.explanation.what,
    why_it_matters: p.explanation.why,
    invalidation: p.explanation.invalidation,
    timeframes: ['1m', '5m', '15m', '1h', '4h', '1d'],
    keywords: keywords(p),
  };
}

export function keywords(p: PatternInfo): string[] {
  const words = new Set([
    p.family,
    ...p.name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  ]);
  for (const d of p.directions) words.add(d === 1 ? 'bullish' : 'bearish');
  return [...words];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** The Detection object of api.md §2. */
export function detectionObject(d: detections.DetectionView) {
  const name = displayName(d.pattern_id, d.direction);
  const risk = riskLevels(d.price, d.direction, d.atr);
  const bar = d.bar_time.toISOString();
  return {
    id: d.id,
    symbol: d.symbol,
    timeframe: d.timeframe,
    pattern: name,
    pattern_type: name,
    pattern_id: d.pattern_id,
    pattern_key: d.pattern_key,
    family: d.family,
    direction: d.direction === 1 ? 'bullish' : 'bearish',
    confidence: r4(d.confidence),
    confidence_pct: Math.round(1000 * d.confidence) / 10,
    confidence_source: d.confidence_source,
    model_key: d.model_key,
    model_version: d.model_version,
    price: r8(d.price),
    volume: d.volume,
    bar_time: bar,
    timestamp: bar,
    detected_at: d.created_at.toISOString(),
    source: d.source,
    verified: d.outcome !== null,
    outcome: d.outcome === 'invalid' ? null : d.outcome,
    metadata: {
      explanation: getPattern(d.pattern_id)?.explanation.what ?? name,
      suggested_action: d.direction === 1 ? 'BUY' : 'SELL',
      risk_suggestions:
        d.atr > 0
          ? { entry: r8(risk.entry), stop_loss: r8(risk.stop_loss), take_profit: r8(risk.take_profit), rr: r4(risk.rr) }
          : null,
    },
  };
}
export type DetectionObject = ReturnType<typeof detectionObject>;
