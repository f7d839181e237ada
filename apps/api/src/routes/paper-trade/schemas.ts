import { Type as T, type TSchema } from '@sinclair/typebox';
import { IdentityHints } from '../../lib/identity-hints';

/**
 * Request and response schemas of the paper-trading routes (api.md §2, §3.6, §3.7). Nullable numbers use a JSON
 * type list so that Ajv's coercion never turns 0 into null or null into 0.
 */
export const NullableNumber = (opts: Record<string, unknown> = {}) =>
  T.Unsafe<number | null>({ type: ['number', 'null'], ...opts });
const NullableInt = (opts: Record<string, unknown> = {}) =>
  T.Unsafe<number | null>({ type: ['integer', 'null'], ...opts });
const Qty = () => NullableNumber({ exclusiveMinimum: 0, maximum: 1e9 });
const Price = () => NullableNumber({ exclusiveMinimum: 0, maximum: 1e12 });
const Hint = IdentityHints;

export const ExecuteBody = T.Object(
  {
    symbol: T.String({ minLength: 1, maxLength: 32 }),
    side: T.String({ minLength: 1, maxLength: 8 }),
    qty: T.Optional(Qty()),
    quantity: T.Optional(Qty()),
    type: T.Optional(T.String({ maxLength: 8 })),
    limit_price: T.Optional(Price()),
    price: T.Optional(Price()),
    stop_loss: T.Optional(Price()),
    take_profit: T.Optional(Price()),
    time_in_force: T.Optional(T.Union([T.Literal('gtc'), T.Literal('day')])),
    pattern: T.Optional(T.Union([T.String({ maxLength: 100 }), T.Null()])),
    confidence: T.Optional(NullableNumber({ minimum: 0, maximum: 1 })),
    alert_id: T.Optional(NullableInt({ minimum: 0 })),
    ...Hint,
  },
  { additionalProperties: false },
);
export type ExecuteBodyT = typeof ExecuteBody.static;

export const CloseBody = T.Object(
  {
    symbol: T.Optional(T.String({ minLength: 1, maxLength: 32 })),
    position_id: T.Optional(T.Union([T.Integer({ minimum: 1 }), T.String({ pattern: '^(pos_)?[0-9]{1,18}$' })])),
    trade_id: T.Optional(T.String({ pattern: '^(pos_)?[0-9]{1,18}$' })),
    qty: T.Optional(Qty()),
    quantity: T.Optional(Qty()),
    ...Hint,
  },
  { additionalProperties: false },
);
export type CloseBodyT = typeof CloseBody.static;

const RiskSuggestions = T.Object(
  {
    entry: T.Optional(Price()),
    stop_loss: T.Optional(Price()),
    take_profit: T.Optional(Price()),
    rr: T.Optional(NullableNumber()),
  },
  { additionalProperties: false },
);

export const FromAlertBody = T.Object(
  {
    alert_id: T.Optional(NullableInt({ minimum: 0 })),
    alertId: T.Optional(NullableInt({ minimum: 0 })),
    symbol: T.Optional(T.String({ minLength: 1, maxLength: 32 })),
    suggested_action: T.Optional(T.String({ maxLength: 16 })),
    action: T.Optional(T.String({ maxLength: 16 })),
    risk_suggestions: T.Optional(T.Union([RiskSuggestions, T.Null()])),
    qty: T.Optional(Qty()),
    quantity: T.Optional(Qty()),
    confidence: T.Optional(NullableNumber({ minimum: 0, maximum: 1 })),
    pattern: T.Optional(T.Union([T.String({ maxLength: 100 }), T.Null()])),
    alert_type: T.Optional(T.Union([T.String({ maxLength: 100 }), T.Null()])),
    risk_confirmation_token: T.Optional(T.Union([T.String({ maxLength: 1024 }), T.Null()])),
    risk_token: T.Optional(T.Union([T.String({ maxLength: 1024 }), T.Null()])),
    ...Hint,
  },
  { additionalProperties: false },
);
export type FromAlertBodyT = typeof FromAlertBody.static;

export const ResetBody = T.Object(
  {
    confirm: T.Literal(true),
    initial_cash: T.Optional(T.Number({ minimum: 1000, maximum: 10_000_000 })),
    ...Hint,
  },
  { additionalProperties: false },
);

export const EmptyBody = T.Object({ ...Hint }, { additionalProperties: false });

export const PortfolioQuery = T.Object({
  status: T.Optional(T.Union([T.Literal('open'), T.Literal('closed'), T.Literal('all')])),
  symbol: T.Optional(T.String({ minLength: 1, maxLength: 32 })),
  limit: T.Optional(T.Integer({ minimum: 1, maximum: 500 })),
  cursor: T.Optional(T.String({ maxLength: 512 })),
});

export const OrdersQuery = T.Object({
  status: T.Optional(
    T.Union(['open', 'filled', 'cancelled', 'rejected', 'all'].map((s) => T.Literal(s)) as unknown as TSchema[]),
  ),
  symbol: T.Optional(T.String({ minLength: 1, maxLength: 32 })),
  limit: T.Optional(T.Integer({ minimum: 1, maximum: 500 })),
  cursor: T.Optional(T.String({ maxLength: 512 })),
});

export const IdParam = T.Object({ id: T.String({ pattern: '^(pos_|ord_)?[0-9]{1,18}$' }) });

const NumOrNull = T.Union([T.Number(), T.Null()]);

/** PaperTrade (api.md §2): the trading screen's crash-critical row. */
export const PaperTrade = T.Object(
  {
    id: T.String(),
    symbol: T.String(),
    side: T.Union([T.Literal('buy'), T.Literal('sell')]),
    qty: T.Number(),
    quantity: T.Number(),
    price: T.Number(),
    status: T.Union([T.Literal('open'), T.Literal('closed')]),
    pnl: NumOrNull,
    pnl_pct: NumOrNull,
    opened_at: T.Union([T.String(), T.Null()]),
    closed_at: T.Union([T.String(), T.Null()]),
    current_price: NumOrNull,
    exit_price: NumOrNull,
    market_value: NumOrNull,
    fees: T.Number(),
    stop_loss: NumOrNull,
    take_profit: NumOrNull,
    position_id: T.Integer(),
    source: T.String(),
    alert_id: T.Union([T.Integer(), T.Null()]),
  },
  { additionalProperties: false },
);

/** Open objects: the documented fields are set by the views in @tx/paper; the schema pins the envelope. */
export const Obj = T.Object({}, { additionalProperties: true });

export const RiskSettingsBody = T.Object(
  {
    max_position_size: T.Optional(T.Number({ minimum: 100, maximum: 10_000_000 })),
    max_position_pct: T.Optional(T.Number({ minimum: 1, maximum: 100 })),
    max_daily_loss: T.Optional(T.Number({ minimum: 50, maximum: 1_000_000 })),
    stop_loss_percentage: T.Optional(T.Number({ minimum: 0.1, maximum: 50 })),
    take_profit_percentage: T.Optional(T.Number({ minimum: 0.1, maximum: 100 })),
    max_open_positions: T.Optional(T.Integer({ minimum: 1, maximum: 100 })),
    risk_per_trade: T.Optional(T.Number({ minimum: 0.1, maximum: 5 })),
    enable_stop_loss: T.Optional(T.Boolean()),
    enable_take_profit: T.Optional(T.Boolean()),
    enable_position_sizing: T.Optional(T.Boolean()),
    confidence_threshold: T.Optional(T.Number({ minimum: 0.3, maximum: 0.95 })),
    diversification_limit: T.Optional(T.Integer({ minimum: 1, maximum: 20 })),
    allow_short: T.Optional(T.Boolean()),
    enforce: T.Optional(T.Boolean()),
    ...Hint,
  },
  { additionalProperties: false },
);

export const PreTradeBody = T.Object(
  {
    symbol: T.String({ minLength: 1, maxLength: 32 }),
    side: T.String({ minLength: 1, maxLength: 8 }),
    entry: T.Optional(Price()),
    stop_loss: T.Optional(Price()),
    take_profit: T.Optional(Price()),
    qty: T.Optional(Qty()),
    quantity: T.Optional(Qty()),
    pattern_type: T.Optional(T.Union([T.String({ maxLength: 100 }), T.Null()])),
    timeframe: T.Optional(T.String({ maxLength: 8 })),
    ...Hint,
  },
  { additionalProperties: false },
);
