import type { paperAccounts, paperFills, paperOrders, paperPositions } from '@tx/db';
import { COMMISSION_BPS, SLIPPAGE_BPS } from './costs';
import { type Dec, dec, money, num } from './money';

/** JSON shapes of api.md §2 (Order, Fill, Position, Account, PaperTrade), shared by routes and events. */

export function orderView(o: paperOrders.OrderRow) {
  return {
    id: o.id,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    role: o.role,
    parent_id: o.parent_id,
    status: o.status,
    qty: num(o.qty),
    filled_qty: num(o.filled_qty),
    limit_price: num(o.limit_price),
    stop_price: num(o.stop_price),
    avg_fill_price: num(o.avg_fill_price),
    time_in_force: o.time_in_force,
    reject_reason: o.reject_reason,
    source: o.source,
    alert_id: o.alert_id,
    created_at: o.created_at.toISOString(),
    updated_at: o.updated_at.toISOString(),
  };
}

export function fillView(f: paperFills.FillRow) {
  return {
    id: f.id,
    order_id: f.order_id,
    symbol: f.symbol,
    side: f.side,
    qty: num(f.qty),
    price: num(f.price),
    reference_price: num(f.reference_price),
    slippage_bps: num(f.slippage_bps),
    commission: money(f.commission),
    realized_pnl: money(f.realized_pnl),
    filled_at: f.filled_at.toISOString(),
  };
}

/** Marks a position at `mark` (null: price unknown, valued at cost). */
export function positionView(p: paperPositions.PositionRow, mark: Dec | null, markAsOf: string | null = null) {
  const q = dec(p.qty);
  const basis = dec(p.cost_basis);
  const size = q.abs();
  const unrealized = mark ? q.mul(mark).minus(basis.mul(q.lt(0) ? -1 : 1)) : null;
  return {
    id: p.id,
    symbol: p.symbol,
    side: q.lt(0) ? ('short' as const) : ('long' as const),
    qty: num(size),
    quantity: num(size),
    avg_price: size.isZero() ? 0 : num(basis.div(size)),
    current_price: mark ? num(mark) : null,
    market_value: mark ? money(q.mul(mark)) : null,
    cost_basis: money(basis),
    unrealized_pnl: unrealized ? money(unrealized) : null,
    unrealized_pnl_pct: unrealized && !basis.isZero() ? num(unrealized.div(basis).mul(100), 2) : null,
    realized_pnl: money(p.realized_pnl),
    stop_loss: num(p.stop_loss),
    take_profit: num(p.take_profit),
    opened_at: p.opened_at.toISOString(),
    price_as_of: mark ? markAsOf : null,
  };
}

/** Open row of the trading screen (PaperTrade): one per position. */
export function openTradeView(p: paperPositions.PositionRow, mark: Dec | null) {
  const v = positionView(p, mark);
  return {
    id: `pos_${p.id}`,
    symbol: p.symbol,
    side: v.side === 'long' ? ('buy' as const) : ('sell' as const),
    qty: v.qty,
    quantity: v.quantity,
    price: v.avg_price,
    status: 'open' as const,
    pnl: v.unrealized_pnl,
    pnl_pct: v.unrealized_pnl_pct,
    opened_at: v.opened_at,
    closed_at: null,
    current_price: v.current_price,
    exit_price: null,
    market_value: v.market_value,
    fees: money(p.fees),
    stop_loss: v.stop_loss,
    take_profit: v.take_profit,
    position_id: p.id,
    source: p.source,
    alert_id: p.alert_id,
  };
}

/** Closed row: one fill that reduced or closed a position, with the quantity it closed and its entry cost. */
export function closedTradeView(f: paperFills.FillRow & { position_source: string; alert_id: number | null }) {
  const closed = dec(f.closed_qty);
  const cost = dec(f.closed_cost);
  return {
    id: `trd_${f.id}`,
    symbol: f.symbol,
    side: f.closing_side ?? (f.side === 'sell' ? 'buy' : 'sell'),
    qty: num(closed),
    quantity: num(closed),
    price: num(cost.div(closed)),
    status: 'closed' as const,
    pnl: money(f.realized_pnl),
    pnl_pct: cost.isZero() ? null : num(dec(f.realized_pnl).div(cost).mul(100), 2),
    opened_at: null,
    closed_at: f.filled_at.toISOString(),
    current_price: null,
    exit_price: num(f.price),
    market_value: null,
    fees: money(f.commission),
    stop_loss: null,
    take_profit: null,
    position_id: f.position_id,
    source: f.position_source,
    alert_id: f.alert_id,
  };
}

export interface Marked {
  positions: paperPositions.PositionRow[];
  marks: Map<string, Dec>;
}

/** Account valuation (api.md §2 Account): unknown prices count at cost and are listed as unpriced. */
export function accountView(a: paperAccounts.AccountRow, m: Marked, asOf: Date) {
  let long = dec(0);
  let short = dec(0);
  let invested = dec(0);
  let unrealized = dec(0);
  const unpriced: string[] = [];
  for (const p of m.positions) {
    const q = dec(p.qty);
    const basis = dec(p.cost_basis);
    const mark = m.marks.get(p.symbol);
    if (!mark) unpriced.push(p.symbol);
    const value = mark ? q.abs().mul(mark) : basis;
    if (q.lt(0)) short = short.plus(value);
    else long = long.plus(value);
    invested = invested.plus(basis);
    if (mark) unrealized = unrealized.plus(q.mul(mark).minus(basis.mul(q.lt(0) ? -1 : 1)));
  }
  const cash = dec(a.cash);
  const equity = cash.plus(long).minus(short);
  const buyingPower = cash.minus(short.mul(1.5));
  const gross = long.plus(short);
  return {
    view: {
      account_id: a.id,
      currency: a.currency,
      initial_cash: money(a.initial_cash),
      cash: money(cash),
      equity: money(equity),
      buying_power: money(buyingPower.lt(0) ? dec(0) : buyingPower),
      exposure: {
        long: money(long),
        short: money(short),
        gross: money(gross),
        net: money(long.minus(short)),
        gross_pct: equity.isZero() ? 0 : (num(gross.div(equity).mul(100), 2) as number),
      },
      realized_pnl: money(a.realized_pnl),
      unrealized_pnl: money(unrealized),
      fees_paid: money(a.fees_paid),
      commission_bps: COMMISSION_BPS,
      slippage_bps: SLIPPAGE_BPS,
      open_positions_count: m.positions.length,
      positions: m.positions.map((p) => positionView(p, m.marks.get(p.symbol) ?? null)),
      balance: money(cash),
      invested: money(invested),
      total_equity: money(equity),
      as_of: asOf.toISOString(),
    },
    unpriced,
    equity,
  };
}
