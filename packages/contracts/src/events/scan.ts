import { Type as T } from '@sinclair/typebox';
import { Confidence, ConfidencePct, Direction, defineEvent, IsoTime, Nullable, Num, Str } from './common';
import { QuoteEvent } from './prices';

const PatternItem = T.Object({
  pattern_type: Str,
  confidence: Confidence,
  confidence_pct: ConfidencePct,
  price: Num,
  timestamp: IsoTime,
  metadata: T.Optional(T.Object({})),
  detection_id: T.Optional(Nullable(T.Integer())),
  direction: T.Optional(Direction),
});

/** 4.4 `scan_update`: one per symbol with new detections in a cycle (intraday < 1d, context >= 1d). */
export const ScanUpdateEvent = T.Object({
  scan_id: T.Union([Str, T.Integer()]),
  scope: T.Union([T.Literal('global'), T.Literal('session')]),
  symbol: Str,
  timeframe: T.Optional(Str),
  intraday_patterns: T.Array(PatternItem),
  context_patterns: T.Array(PatternItem),
  timestamp: IsoTime,
});

/** 4.4 `market_scan_update`: one per completed cycle, movers by |change_percent|. */
export const MarketScanUpdateEvent = T.Object({
  scan_id: T.Union([Str, T.Integer()]),
  movers: T.Array(QuoteEvent, { maxItems: 10 }),
  timestamp: IsoTime,
});

export const SCAN_EVENTS = {
  scan_update: defineEvent(ScanUpdateEvent, ['scans', 'patterns']),
  market_scan_update: defineEvent(MarketScanUpdateEvent, ['scans']),
};
