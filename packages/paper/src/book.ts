import {
  type Db,
  type paperAccounts,
  paperBook,
  type paperFills,
  type paperOrders,
  type paperOutcomes,
  type paperPositions,
  type Tx,
} from '@tx/db';
import { type OrderSide, SLIPPAGE_BPS } from './costs';
import { insufficientFunds } from './errors';
import { applyLeg, cashDelta, INITIAL_MARGIN, legs, shortValue, splitFee } from './ledger';
import { type Dec, dec, str, ZERO } from './money';

type Position = paperPositions.PositionRow;
type Order = paperOrders.OrderRow;
/** A market order being placed: written by the fill itself, already filled. */
export type NewOrder = Omit<paperOrders.OrderInput, 'status'>;
export type ExitReason = 'stop_loss' | 'take_profit' | 'manual' | 'margin_call';

export interface FillSpec {
  account: paperAccounts.AccountRow;
  /** Every open position of the account (locked with it), the traded symbol's among them when open. */
  positions: Position[];
  /** A resting order that triggered, or a new market order. */
  order: Order | NewOrder;
  /** Signed quantity: + buys, - sells. */
  delta: Dec;
  price: Dec;
  reference: Dec;
  slipped: boolean;
  fee: Dec;
  /** Prices for the margin check of shorts (the traded symbol at least). */
  marks: Map<string, Dec>;
  exitReason: ExitReason;
  now: Date;
}

export interface Booked {
  order: Order;
  account: paperAccounts.AccountRow;
  fills: paperFills.FillRow[];
  /** The traded symbol's position after the fill; null when the fill closed it. */
  position: Position | null;
  /** Every open position of the account after the fill. */
  positions: Position[];
  realized: Dec;
}

/**
 * Books one fill inside the caller's transaction, with the account row already locked (domain §9.3): splits a
 * flip into its reduce and increase legs, computes each round trip's new state, the outcome of a closed one and the
 * cash moved, attaches an entry's bracket legs, and writes it all in one statement (paperBook). The database refuses
 * a negative balance; shorts must also leave available funds >= 0 (§9.4). With `commitWith` that statement also
 * commits the transaction.
 */
export async function bookFill(tx: Db, s: FillSpec, commitWith?: Tx['commitWith']): Promise<Booked> {
  const current = s.positions.find((p) => p.symbol === s.order.symbol);
  const q = current ? dec(current.qty) : ZERO;
  const parts = legs(q, s.delta);
  const fees = parts.length === 2 ? splitFee(s.fee, parts[0]!.delta.abs(), s.delta.abs()) : ([s.fee] as Dec[]);
  const cash = cashDelta(s.delta, s.price, s.fee);
  if (parts.some((l) => l.kind === 'increase')) checkMargin(s, q, dec(s.account.cash).plus(cash));

  let realized = ZERO;
  let position: Position | null = current ?? null;
  const planned: paperBook.BookLeg[] = [];
  for (const [i, leg] of parts.entries()) {
    const fee = fees[i]!;
    const size = leg.delta.abs();
    const notional = size.mul(s.price);
    if (leg.kind === 'reduce' && position) {
      const r = applyLeg({ qty: dec(position.qty), basis: dec(position.cost_basis) }, leg, s.price);
      realized = realized.plus(r.realized);
      const next: paperPositions.UpdateInput = {
        ...carry(position),
        qty: str(r.qty),
        cost_basis: str(r.basis),
        realized_pnl: str(dec(position.realized_pnl).plus(r.realized)),
        fees: str(dec(position.fees).plus(fee)),
        exit_notional: str(dec(position.exit_notional).plus(notional)),
        exit_qty: str(dec(position.exit_qty).plus(size)),
      };
      const closed = r.qty.isZero();
      planned.push({
        position_id: position.id,
        position: next,
        fill: {
          ...fillBase(s, size, fee),
          realized_pnl: str(r.realized),
          closed_qty: str(size),
          closed_cost: str(r.removed),
          closing_side: dec(position.qty).lt(0) ? 'sell' : 'buy',
        },
        ...(closed ? { outcome: outcome({ ...position, ...next }, s.exitReason, s.now) } : {}),
      });
      position = closed ? null : { ...position, ...next };
      continue;
    }
    const fill = {
      ...fillBase(s, size, fee),
      realized_pnl: '0',
      closed_qty: '0',
      closed_cost: '0',
      closing_side: null,
    };
    if (position && dec(position.qty).lt(0) === leg.delta.lt(0) && !dec(position.qty).isZero()) {
      const newQty = dec(position.qty).plus(leg.delta);
      const next: paperPositions.UpdateInput = {
        ...carry(position),
        qty: str(newQty),
        cost_basis: str(dec(position.cost_basis).plus(notional)),
        fees: str(dec(position.fees).plus(fee)),
        entry_notional: str(dec(position.entry_notional).plus(notional)),
        entry_qty: str(dec(position.entry_qty).plus(size)),
        max_qty: str(dec(position.max_qty).gt(newQty.abs()) ? dec(position.max_qty) : newQty.abs()),
      };
      planned.push({ position_id: position.id, position: next, fill });
      position = { ...position, ...next };
    } else {
      planned.push({ position: opening(s, leg.delta, notional, fee), fill });
      position = null;
    }
  }

  const exits = bracketFor(s.order, position, planned.at(-1)!);
  const plan: paperBook.BookPlan = {
    account_id: s.account.id,
    cash: str(cash),
    realized: str(realized),
    fees: str(s.fee),
    order: 'id' in s.order ? { id: s.order.id } : s.order,
    filled_qty: str(s.delta.abs()),
    avg_fill_price: str(s.price),
    legs: planned,
    exits,
  };
  const written = await paperBook.book(tx, plan, commitWith);
  if (!written) throw insufficientFunds();
  return booked(s, current, planned, written, realized);
}

/** The rows the fill wrote, as the database now holds them: the plan plus the ids, time and totals it returned. */
function booked(
  s: FillSpec,
  current: Position | undefined,
  planned: paperBook.BookLeg[],
  w: paperBook.BookResult,
  realized: Dec,
): Booked {
  const rows = planned.map((leg, i): Position => {
    const id = w.position_ids[i]!;
    if (leg.position_id !== undefined) {
      const closed = dec(leg.position.qty).isZero();
      return {
        ...current!,
        ...leg.position,
        status: closed ? 'closed' : 'open',
        closed_at: closed ? w.at : null,
        updated_at: w.at,
      };
    }
    const opened = leg.position as paperPositions.OpenInput & { stop_widened: boolean };
    return {
      ...opened,
      id,
      realized_pnl: '0',
      exit_notional: '0',
      exit_qty: '0',
      status: 'open',
      opened_at: w.at,
      updated_at: w.at,
      closed_at: null,
    };
  });
  const last = rows.at(-1)!;
  const fill = { qty: str(s.delta.abs()), price: str(s.price) };
  const order: Order =
    'id' in s.order
      ? {
          ...s.order,
          status: 'filled',
          filled_qty: fill.qty,
          avg_fill_price: fill.price,
          position_id: s.order.position_id ?? last.id,
          updated_at: w.at,
        }
      : {
          ...s.order,
          id: w.order_id,
          status: 'filled',
          filled_qty: fill.qty,
          avg_fill_price: fill.price,
          position_id: last.id,
          reject_reason: null,
          created_at: w.at,
          updated_at: w.at,
        };
  const open = last.status === 'open' ? last : null;
  const touched = new Set(rows.map((p) => p.id));
  return {
    order,
    account: {
      ...s.account,
      cash: w.cash,
      realized_pnl: w.realized_pnl,
      fees_paid: w.fees_paid,
      updated_at: w.at,
    },
    fills: planned.map((leg, i) => ({
      ...leg.fill,
      id: w.fill_ids[i]!,
      order_id: order.id,
      position_id: rows[i]!.id,
      filled_at: w.at,
    })),
    position: open,
    positions: [...s.positions.filter((p) => !touched.has(p.id)), ...(open ? [open] : [])],
    realized,
  };
}

/** Available funds after the fill (§9.4): open shorts need 150 % of their value in cash, proceeds included. */
function checkMargin(s: FillSpec, q: Dec, cashAfter: Dec) {
  const shorts = shortValue(
    s.positions.filter((p) => p.symbol !== s.order.symbol),
    s.marks,
  );
  const after = q.plus(s.delta);
  const own = after.lt(0) ? after.abs().mul(s.marks.get(s.order.symbol) ?? s.reference) : ZERO;
  if (cashAfter.minus(shorts.plus(own).mul(INITIAL_MARGIN)).lt(0)) throw insufficientFunds();
}

/** A new round trip opened by an increase leg; an entry's bracket levels are set with it. */
function opening(s: FillSpec, delta: Dec, notional: Dec, fee: Dec) {
  const size = delta.abs();
  const entry = s.order.role === 'entry';
  return {
    account_id: s.account.id,
    user_id: s.account.user_id,
    symbol: s.order.symbol,
    asset_class: s.order.asset_class,
    side: delta.lt(0) ? ('short' as const) : ('long' as const),
    qty: str(delta),
    cost_basis: str(notional),
    fees: str(fee),
    entry_notional: str(notional),
    entry_qty: str(size),
    max_qty: str(size),
    first_qty: str(size),
    first_price: str(s.price),
    initial_stop: s.order.bracket_stop_loss,
    stop_loss: entry ? s.order.bracket_stop_loss : null,
    take_profit: entry ? s.order.bracket_take_profit : null,
    stop_widened: false,
    source: s.order.source,
    alert_id: s.order.alert_id,
    detection_id: s.order.detection_id,
    pattern: s.order.pattern,
    timeframe: null,
  };
}

/**
 * An entry with stop-loss / take-profit replaces the exit legs of the position it opened or added to with a stop
 * (stop-loss) and a limit (take-profit) for the position's whole quantity; the position carries the levels, and
 * `stop_widened` records a stop moved away from the price.
 */
function bracketFor(
  order: Order | NewOrder,
  before: Position | null,
  last: paperBook.BookLeg,
): paperBook.BookPlan['exits'] {
  const sl = order.bracket_stop_loss;
  const tp = order.bracket_take_profit;
  if (order.role !== 'entry' || (!sl && !tp) || dec(last.position.qty).isZero()) return null;
  const q = dec(last.position.qty);
  const exitSide: OrderSide = q.lt(0) ? 'buy' : 'sell';
  const base = {
    account_id: order.account_id,
    user_id: order.user_id,
    client_order_id: null,
    symbol: order.symbol,
    asset_class: order.asset_class,
    side: exitSide,
    intent: exitSide === 'buy' ? ('cover' as const) : ('sell' as const),
    qty: str(q.abs()),
    time_in_force: 'gtc' as const,
    bracket_stop_loss: null,
    bracket_take_profit: null,
    source: order.source,
    alert_id: order.alert_id,
    detection_id: order.detection_id,
    pattern: order.pattern,
    confidence: order.confidence,
  };
  const orders = [
    ...(sl ? [{ ...base, type: 'stop' as const, role: 'stop_loss' as const, limit_price: null, stop_price: sl }] : []),
    ...(tp
      ? [{ ...base, type: 'limit' as const, role: 'take_profit' as const, limit_price: tp, stop_price: null }]
      : []),
  ];
  const had = last.position_id !== undefined && before !== null;
  const p = last.position;
  const widened =
    had &&
    before.stop_loss !== null &&
    sl !== null &&
    (q.lt(0) ? dec(sl).gt(before.stop_loss) : dec(sl).lt(before.stop_loss));
  if (had) {
    p.stop_loss = sl ?? before.stop_loss;
    p.take_profit = tp ?? before.take_profit;
    p.stop_widened = before.stop_widened || widened;
  }
  return { cancel: had && (before.stop_loss !== null || before.take_profit !== null), orders };
}

function fillBase(s: FillSpec, qty: Dec, fee: Dec) {
  return {
    account_id: s.account.id,
    user_id: s.account.user_id,
    symbol: s.order.symbol,
    side: s.order.side,
    qty: str(qty),
    price: str(s.price),
    reference_price: str(s.reference),
    slippage_bps: s.slipped ? String(SLIPPAGE_BPS) : '0',
    commission: str(fee),
  };
}

function carry(p: Position): paperPositions.UpdateInput {
  return {
    qty: p.qty,
    cost_basis: p.cost_basis,
    realized_pnl: p.realized_pnl,
    fees: p.fees,
    entry_notional: p.entry_notional,
    entry_qty: p.entry_qty,
    exit_notional: p.exit_notional,
    exit_qty: p.exit_qty,
    max_qty: p.max_qty,
    stop_loss: p.stop_loss,
    take_profit: p.take_profit,
    stop_widened: p.stop_widened,
  };
}

/** The round trip's record (domain §9.7), written when its quantity returns to zero. */
function outcome(p: Position, exitReason: ExitReason, now: Date): paperOutcomes.OutcomeInput {
  const gross = dec(p.realized_pnl);
  const fees = dec(p.fees);
  const net = gross.minus(fees);
  const entryNotional = dec(p.entry_notional);
  const initialRisk = p.initial_stop ? dec(p.first_qty).mul(dec(p.first_price).minus(p.initial_stop).abs()) : null;
  return {
    position_id: p.id,
    account_id: p.account_id,
    user_id: p.user_id,
    symbol: p.symbol,
    asset_class: p.asset_class,
    side: p.side,
    opened_at: p.opened_at,
    closed_at: now,
    max_qty: p.max_qty,
    avg_entry: str(entryNotional.div(p.entry_qty)),
    avg_exit: str(dec(p.exit_notional).div(p.exit_qty)),
    gross_pnl: str(gross),
    fees: str(fees),
    net_pnl: str(net),
    return_pct: entryNotional.isZero() ? null : str(net.div(entryNotional).mul(100).toDecimalPlaces(10)),
    r_multiple: initialRisk && !initialRisk.isZero() ? str(net.div(initialRisk).toDecimalPlaces(10)) : null,
    exit_reason: exitReason,
    had_stop_at_entry: p.initial_stop !== null,
    stop_widened: p.stop_widened,
    source: p.source,
    alert_id: p.alert_id,
    detection_id: p.detection_id,
    pattern_key: p.pattern,
    timeframe: p.timeframe,
    holding_seconds: String((now.getTime() - p.opened_at.getTime()) / 1000),
  };
}
