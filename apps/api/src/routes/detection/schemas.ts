import { Type as T } from '@sinclair/typebox';
import { Nullable, Open } from '../../lib/typebox';

export const DetectionT = Open({
  id: T.Integer(),
  symbol: T.String(),
  timeframe: T.String(),
  pattern: T.String(),
  pattern_type: T.String(),
  pattern_id: T.String(),
  pattern_key: T.String(),
  family: T.String(),
  direction: T.String(),
  confidence: T.Number(),
  confidence_pct: T.Number(),
  confidence_source: T.String(),
  model_key: Nullable(T.String()),
  model_version: Nullable(T.Integer()),
  price: T.Number(),
  volume: T.Number(),
  bar_time: T.String(),
  timestamp: T.String(),
  detected_at: T.String(),
  source: T.String(),
  verified: T.Boolean(),
  outcome: Nullable(T.String()),
  metadata: Open({
    explanation: T.String(),
    suggested_action: T.String(),
    risk_suggestions: Nullable(
      Open({ entry: T.Number(), stop_loss: T.Number(), take_profit: T.Number(), rr: T.Number() }),
    ),
  }),
});
