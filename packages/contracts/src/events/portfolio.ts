import { Type as T } from '@sinclair/typebox';
import { defineEvent, Int, IsoTime, Nullable, Num } from './common';

const Money = T.Union([Num, T.String()]); // numeric money may travel as an exact decimal string

/** 4.4 `portfolio_update` on the owner's `portfolio` stream. Position/Order/Fill are the REST objects (§2). */
export const PortfolioUpdateEvent = T.Object({
  reason: T.Union(['fill', 'order', 'bracket', 'mark', 'reset'].map((r) => T.Literal(r))),
  account: T.Object({
    cash: Money,
    equity: Money,
    buying_power: Money,
    realized_pnl: Money,
    unrealized_pnl: Money,
  }),
  total_value: Money,
  today_pnl_pct: Nullable(Num),
  positions_count: Int,
  position: Nullable(T.Object({})),
  order: Nullable(T.Object({})),
  fill: Nullable(T.Object({})),
  timestamp: IsoTime,
});

export const PORTFOLIO_EVENTS = {
  portfolio_update: defineEvent(PortfolioUpdateEvent, ['portfolio']),
};
