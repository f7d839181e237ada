import { type Db, paperAccounts, paperFills, paperOrders, paperOutcomes, paperPositions } from '@tx/db';
import { SLIPPAGE_BPS } from './costs';
import { insufficientFunds } from './errors';
import { applyLeg, cashDelta, legs, splitFee } from './ledger';
import { type Dec, dec, str, ZERO } from './money';

type Position = paperPositions.PositionRow;
type Order = paperOrders.OrderRow;
export type ExitReason = 'stop_loss' | 'take_profit' | 'manual' | 'margin_call';

export interface FillSpec {
  account: paperAccounts.AccountRow;
  /** Every open position of the account (locked with it), the traded symbol's among them when open. */
  positions: Position[];
  order: Order;
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
  account: paperAccounts.AccountRow;
  fills: paperFills.FillRow[];
  position: Position | null;
  realized: Dec;
}

/**
 * Books one fill inside the caller's transaction, with the account row already locked (domain §9.3): splits a
 * flip into its reduce and increase legs, updates the round-trip rows, records outcomes of closed round trips and
 * moves cash. The database refuses a negative balance; shorts must also leave available funds >= 0 (§9.4).
 */
export async function bookFill(tx: Db, s: FillSpec): Promise<Booked> {
  const current = s.positions.find((p) => p.symbol === s.order.symbol);
  const q = current ? dec(current.qty) : ZERO;
  const parts = legs(q, s.delta);
  const fees = parts.length === 2 ? splitFee(s.fee, parts[0]!.delta.abs(), s.delta.abs()) : ([s.fee] as Dec[]);

  let realized = ZERO;
  let position: Position | null = current ?? null;
  const fills: paperFills.FillRow[] = [];
  const opened = parts.some((l) => l.kind === 'increase');

  const cash = dec(s.account.cash).plus(cashDelta(s.delta, s.price, s.fee));
  if (opened) {
    // Available funds after the fill: shorts need 150 % of their value in cash (proceeds included).
    const shorts = s.positions
      .filter((p) => p.symbol !== s.order.symbol && dec(p.qty).lt(0))
      .reduce(
        (acc, p) =>
          acc.plus(
            dec(p.qty)
              .abs()
              .mul(s.marks.get(p.symbol) ?? dec(p.cost_basis).div(dec(p.qty).abs())),
          ),
        ZERO,
      );
    const after = q.plus(s.delta);
    const own = after.lt(0) ? after.abs().mul(s.marks.get(s.order.symbol) ?? s.reference) : ZERO;
    if (cash.minus(shorts.plus(own).mul(1.5)).lt(0)) throw insufficientFunds();
  }

  for (const [i, leg] of parts.entries()) {
    const fee = fees[i]!;
    const size = leg.delta.abs();
    const notional = size.mul(s.price);
    if (leg.kind === 'reduce' && position) {
      const wasShort = dec(position.qty).lt(0);
      const r = applyLeg({ qty: dec(position.qty), basis: dec(position.cost_basis) }, leg, s.price);
      realized = realized.plus(r.realized);
      position = await paperPositions.update(tx, position.id, {
        ...carry(position),
        qty: str(r.qty),
        cost_basis: str(r.basis),
        realized_pnl: str(dec(position.realized_pnl).plus(r.realized)),
        fees: str(dec(position.fees).plus(fee)),
        exit_notional: str(dec(position.exit_notional).plus(notional)),
        exit_qty: str(dec(position.exit_qty).plus(size)),
      });
      fills.push(
        await paperFills.insert(tx, {
          ...fillBase(s, position.id, size, fee),
          realized_pnl: str(r.realized),
          closed_qty: str(size),
          closed_cost: str(r.removed),
          closing_side: wasShort ? 'sell' : 'buy',
        }),
      );
      if (r.qty.isZero()) {
        await paperOutcomes.record(tx, outcome(position, s.exitReason, s.now));
        await paperOrders.cancel(tx, { positionId: position.id });
        position = null;
      }
      continue;
    }
    if (position && dec(position.qty).lt(0) === leg.delta.lt(0) && !dec(position.qty).isZero()) {
      const newQty = dec(position.qty).plus(leg.delta);
      position = await paperPositions.update(tx, position.id, {
        ...carry(position),
        qty: str(newQty),
        cost_basis: str(dec(position.cost_basis).plus(notional)),
        fees: str(dec(position.fees).plus(fee)),
        entry_notional: str(dec(position.entry_notional).plus(notional)),
        entry_qty: str(dec(position.entry_qty).plus(size)),
        max_qty: str(dec(position.max_qty).gt(newQty.abs()) ? dec(position.max_qty) : newQty.abs()),
      });
    } else {
      position = await paperPositions.open(tx, {
        account_id: s.account.id,
        user_id: s.account.user_id,
        symbol: s.order.symbol,
        asset_class: s.order.asset_class,
        side: leg.delta.lt(0) ? 'short' : 'long',
        qty: str(leg.delta),
        cost_basis: str(notional),
        fees: str(fee),
        entry_notional: str(notional),
        entry_qty: str(size),
        max_qty: str(size),
        first_qty: str(size),
        first_price: str(s.price),
        initial_stop: s.order.bracket_stop_loss,
        stop_loss: null,
        take_profit: null,
        source: s.order.source,
        alert_id: s.order.alert_id,
        detection_id: s.order.detection_id,
        pattern: s.order.pattern,
        timeframe: null,
      });
    }
    fills.push(
      await paperFills.insert(tx, {
        ...fillBase(s, position.id, size, fee),
        realized_pnl: '0',
        closed_qty: '0',
        closed_cost: '0',
        closing_side: null,
      }),
    );
  }

  const account = await paperAccounts.applyDelta(tx, s.account.id, {
    cash: str(cashDelta(s.delta, s.price, s.fee)),
    realized: str(realized),
    fees: str(s.fee),
  });
  if (!account) throw insufficientFunds();
  return { account, fills, position, realized };
}

function fillBase(s: FillSpec, positionId: number, qty: Dec, fee: Dec) {
  return {
    order_id: s.order.id,
    account_id: s.account.id,
    user_id: s.account.user_id,
    position_id: positionId,
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
