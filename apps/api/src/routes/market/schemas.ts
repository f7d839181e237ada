import { Type as T } from '@sinclair/typebox';

const Num = T.Number();
const NullableNum = T.Union([T.Number(), T.Null()]);
const NullableStr = T.Union([T.String(), T.Null()]);
export const AssetClassT = T.Union([T.Literal('equity'), T.Literal('crypto'), T.Literal('forex')]);

/** Quote object (api.md §2). */
export const QuoteT = T.Object({
  symbol: T.String(),
  asset_class: AssetClassT,
  price: Num,
  change: Num,
  change_percent: Num,
  volume: Num,
  open: NullableNum,
  high: NullableNum,
  low: NullableNum,
  previous_close: NullableNum,
  market_cap: NullableNum,
  pe_ratio: NullableNum,
  timestamp: T.String(),
  as_of: T.String(),
  provider: T.String(),
  stale: T.Boolean(),
});

/** Candle object (api.md §2): bar open time as ISO and epoch ms. */
export const CandleT = T.Object({
  timestamp: T.String(),
  t: Num,
  open: Num,
  high: Num,
  low: Num,
  close: Num,
  volume: Num,
});

export const CandlesDataT = T.Object({
  symbol: T.String(),
  interval: T.String(),
  period: NullableStr,
  from: NullableStr,
  to: NullableStr,
  provider: NullableStr,
  candles: T.Array(CandleT),
});

export const CandlesQueryT = T.Object({
  symbol: T.String({ minLength: 1, maxLength: 64 }),
  interval: T.Optional(T.String({ minLength: 1, maxLength: 16 })),
  timeframe: T.Optional(T.String({ minLength: 1, maxLength: 16 })),
  period: T.Optional(T.String({ minLength: 1, maxLength: 8 })),
  from: T.Optional(T.String({ minLength: 1, maxLength: 40 })),
  to: T.Optional(T.String({ minLength: 1, maxLength: 40 })),
  limit: T.Optional(T.Integer({ minimum: 1, maximum: 5000 })),
});
export type CandlesQuery = typeof CandlesQueryT.static;

const ProviderHealthT = T.Object({
  enabled: T.Boolean(),
  ok: T.Boolean(),
  reason: NullableStr,
  breaker: T.Union([T.Literal('closed'), T.Literal('open'), T.Literal('half_open')]),
  success_rate_5m: NullableNum,
  p95_latency_ms: NullableNum,
  p50_latency_ms: NullableNum,
  requests_5m: T.Integer(),
  rate_limited_5m: T.Integer(),
  tokens_left: T.Union([T.Integer(), T.Null()]),
  last_success_at: NullableStr,
  last_error: T.Union([
    T.Object({ code: T.String(), at: T.String(), status: T.Union([T.Integer(), T.Null()]) }),
    T.Null(),
  ]),
});

export const PriorityT = T.Object({
  equity: T.Array(T.String()),
  crypto: T.Array(T.String()),
  forex: T.Array(T.String()),
});

export const ProviderHealthDataT = T.Object({
  providers: T.Record(T.String(), ProviderHealthT),
  priority: PriorityT,
  timestamp: T.String(),
});

const AssetT = T.Object({ symbol: T.String(), name: T.String(), exchange: NullableStr, asset_class: T.String() });
const AssetGroupT = T.Object({
  available: T.Boolean(),
  count: T.Integer(),
  symbols: T.Array(AssetT),
  providers: T.Array(T.String()),
});
export const AssetsDataT = T.Object({
  stocks: AssetGroupT,
  indices: AssetGroupT,
  crypto: AssetGroupT,
  forex: AssetGroupT,
  commodities: AssetGroupT,
  total: T.Integer(),
});

export const SourcesT = T.Object({
  yahoo: T.Boolean(),
  stocks: T.Boolean(),
  crypto: T.Boolean(),
  forex: T.Boolean(),
  synthetic: T.Boolean(),
  csv: T.Boolean(),
  polygon: T.Boolean(),
  finnhub: T.Boolean(),
  alpha_vantage: T.Boolean(),
  coingecko: T.Boolean(),
});

export const CoverageDataT = T.Object({
  sources: SourcesT,
  providers: T.Object({ configured: T.Array(T.String()), priority: PriorityT }),
  intervals: T.Array(T.String()),
  patterns_supported: T.Integer(),
  pattern_families: T.Object({ candlestick: T.Integer(), chart: T.Integer(), indicator: T.Integer() }),
  assets: T.Object({ stocks: T.Integer(), indices: T.Integer(), crypto: T.Integer(), forex: T.Integer() }),
});

export const FeaturesDataT = T.Object({
  paper_trading_enabled: T.Boolean(),
  sentiment_enabled: T.Boolean(),
  live_scanning: T.Boolean(),
  websocket: T.Boolean(),
  backtesting: T.Boolean(),
  ml_scoring: T.Boolean(),
  online_learning: T.Boolean(),
  data_sources: SourcesT,
  patterns: T.Object({ candlestick: T.Integer(), chart: T.Array(T.String()), indicator: T.Array(T.String()) }),
});
