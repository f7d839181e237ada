import { Type as T } from '@sinclair/typebox';
import { Action, Confidence, ConfidencePct, defineEvent, Int, IsoTime, Nullable, Num, Str } from './common';

const RiskSuggestions = T.Object({ entry: Num, stop_loss: Num, take_profit: Num, rr: Num });

/** The Alert object of api.md §2, pinned to the fields the client's real-time hooks read (4.4 `new_alert`). */
export const AlertEvent = T.Object({
  id: Int,
  symbol: Str,
  alert_type: Str,
  pattern: Str,
  message: Str,
  confidence: Confidence,
  confidence_pct: ConfidencePct,
  price: Num,
  timestamp: IsoTime,
  time: IsoTime,
  explanation: Str,
  is_active: T.Boolean(),
  metadata: T.Object({
    suggested_action: Action,
    explanation: Str,
    timeframe: Str,
    timestamp_eat: IsoTime,
    risk_suggestions: T.Optional(Nullable(RiskSuggestions)),
  }),
});

/** 4.4 `pattern_alert`, sent on `patterns:<SYMBOL>` with each new alert on that symbol. */
export const PatternAlertEvent = T.Object({
  symbol: Str,
  alert_type: Str,
  confidence: Confidence,
  confidence_pct: ConfidencePct,
  price: Num,
  timestamp: IsoTime,
  source: T.Union([T.Literal('scan'), T.Literal('session')]),
  explanation: Str,
  interval: Str,
  period: Str,
  alert_id: T.Optional(Nullable(Int)),
  timeframe: T.Optional(Str),
  direction: T.Optional(Str),
  suggested_action: T.Optional(Action),
});

export const ALERT_EVENTS = {
  new_alert: defineEvent(AlertEvent, ['alerts']),
  pattern_alert: defineEvent(PatternAlertEvent, ['patterns']),
};
