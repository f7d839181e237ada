import {
  type Db,
  paperAccounts,
  paperFills,
  paperOrders,
  paperPositions,
  riskSettings,
  type Sql,
  transaction,
} from '@tx/db';
import { bookFill, type ExitReason, type NewOrder } from './book';
import { commission, type OrderSide, slippedPrice } from './costs';
import { invalid, marketClosed, PaperError, positionNotFound } from './errors';
import { INITIAL_MARGIN, shortValue } from './ledger';
import { type Settings, settingsView } from './limits';
import { type AssetClass, isWholeLots } from './lots';
import { type Dec, dec, num, str, ZERO } from './money';
import { currentPrice, markPrices, type QuoteSource } from './quotes';
import { type RiskCheck, type RiskLimits, riskChecks, type Sizing, sizeOrder } from './risk';

export interface PaperContext {
  sql: Sql;
  quotes: QuoteSource;
  /** PAPER_INITIAL_CASH as a decimal string. */
  initialCash: string;
  maxQuoteAgeS: number;
  now?: () => Date;
}

export type Intent = 'buy' | 'sell' | 'short' | 'cover';

export interface OrderRequest {
  userId: string;
  symbol: string;
  assetClass: AssetClass;
  intent: Intent;
  qty: Dec | null;
  type: 'market' | 'limit';
  limitPrice: Dec | null;
  stopLoss: Dec | null;
  takeProfit: Dec | null;
  timeInForce: 'gtc' | 'day';
  source: 'manual' | 'alert';
  alertId: number | null;
  detectionId: number | null;
  pattern: string | null;
  confidence: number | null;
  /** The Idempotency-Key when sent: a repeat returns the first order. */
  clientOrderId: string | null;
  exitReason?: ExitReason;
  /** Closes may only reduce (close-position): a quantity above the position is a 400. */
  reduceOnly?: boolean;
}

/** A manual good-till-cancelled market order with no brackets or links; callers override what differs. */
export function marketOrder(
  o: Pick<OrderRequest, 'userId' | 'symbol' | 'assetClass' | 'intent' | 'qty'> & Partial<OrderRequest>,
): OrderRequest {
  return {
    type: 'market',
    limitPrice: null,
    stopLoss: null,
    takeProfit: null,
    timeInForce: 'gtc',
    source: 'manual',
    alertId: null,
    detectionId: null,
    pattern: null,
    confidence: null,
    clientOrderId: null,
    ...o,
  };
}

export interface OrderResult {
  order: paperOrders.OrderRow;
  fills: paperFills.FillRow[];
  position: paperPositions.PositionRow | null;
  account: paperAccounts.AccountRow;
  positions: paperPositions.PositionRow[];
  marks: Map<string, Dec>;
  sizing: {
    method: 'explicit' | 'risk';
    risk_amount: number | null;
    stop_distance: number | null;
    capped_by: string | null;
  };
  warnings: string[];
  realized: Dec;
  replayed: boolean;
}

const sideOf = (intent: Intent): OrderSide => (intent === 'buy' || intent === 'cover' ? 'buy' : 'sell');

/**
 * Places an order (api.md §3.6): a market order fills at once against the current quote; a limit order rests for
 * the trade worker. Quotes are fetched before the transaction; inside it the account row is locked, so every
 * check and balance change of one account is serialised, and a failure anywhere rolls everything back. A market
 * order costs two round trips: BEGIN with the lock and the reads under it, then the fill's writes with COMMIT.
 */
export async function placeOrder(ctx: PaperContext, req: OrderRequest): Promise<OrderResult> {
  const now = ctx.now?.() ?? new Date();
  if (req.qty && !isWholeLots(req.qty, req.assetClass)) invalidLots(req.assetClass);
  // Equity market orders need the session (domain §9.1); limit orders rest and fill in session only.
  if (req.type === 'market' && !inSession(ctx, req.assetClass, now)) throw marketClosed(req.symbol);
  const quote = await currentPrice(ctx.quotes, req.symbol, ctx.maxQuoteAgeS, now);

  return transaction(ctx.sql, async ({ sql: tx, commitWith }) => {
    const { account, positions, settings, prior } = await lockAccount(tx, req, ctx.initialCash);
    const marks = new Map([[req.symbol, quote.price]]);
    if (prior) return { ...(await reload(tx, account, positions, prior, marks)), replayed: true };
    const limits: Settings & RiskLimits = settingsView(settings, Number(account.initial_cash));
    // Other holdings are marked from the quote cache under the account lock (one account's orders queue here only).
    const others = await markPrices(
      ctx.quotes,
      positions.map((p) => p.symbol).filter((s) => s !== req.symbol),
      ctx.maxQuoteAgeS,
      now,
    );
    for (const [s, p] of others) marks.set(s, p);
    const current = positions.find((p) => p.symbol === req.symbol);
    const q = current ? dec(current.qty) : ZERO;
    const equity = equityOf(account, positions, marks);
    const dayStart = await dayStartEquity(tx, account, equity, now);

    if (req.intent === 'short' && q.gt(0)) {
      throw new PaperError(409, 'INVALID_STATE', 'Cannot short while holding a long position: sell it first');
    }
    if (req.intent === 'cover' && !q.lt(0)) throw positionNotFound();
    const side = sideOf(req.intent);
    const estimate = req.type === 'limit' ? req.limitPrice! : slippedPrice(quote.price, side);

    const reduceOnly = req.reduceOnly || req.intent === 'cover';
    let sizing: OrderResult['sizing'] = { method: 'explicit', risk_amount: null, stop_distance: null, capped_by: null };
    let qty = req.qty;
    const opposite = !q.isZero() && q.lt(0) === (side === 'buy');
    if (qty && reduceOnly && qty.gt(q.abs())) throw invalid('qty', 'must not exceed the open position');
    if (!qty && (reduceOnly || opposite)) qty = q.abs();
    const defaultStop = stopFor(side, estimate, req.stopLoss, limits);
    if (!qty) {
      if (!limits.enable_position_sizing) throw invalid('qty', 'is required when position sizing is disabled');
      const short = side === 'sell';
      const funds = short
        ? dec(account.cash).minus(shortValue(positions, marks).mul(INITIAL_MARGIN))
        : dec(account.cash);
      const s: Sizing = sizeOrder(limits, equity, estimate, defaultStop, funds, short, req.assetClass);
      sizing = {
        method: 'risk',
        risk_amount: num(s.riskAmount, 2),
        stop_distance: num(s.stopDistance),
        capped_by: s.cappedBy,
      };
      if (s.qty.isZero()) {
        throw new PaperError(422, 'RISK_CHECK_FAILED', 'Risk-based size is zero', [
          {
            rule: 'size_zero',
            passed: false,
            limit: null,
            value: 0,
            message: 'The sized quantity rounds down to zero lots',
          },
        ]);
      }
      qty = s.qty;
    }
    const delta = side === 'buy' ? qty : qty.neg();
    const after = q.plus(delta);
    const opening = q.isZero() || q.lt(0) === delta.lt(0) ? qty : qty.gt(q.abs()) ? qty.minus(q.abs()) : ZERO;

    const warnings: string[] = [];
    let stopLoss: Dec | null = null;
    let takeProfit: Dec | null = null;
    if (opening.gt(0)) {
      stopLoss = req.stopLoss ?? (limits.enable_stop_loss ? defaultStop : null);
      takeProfit = req.takeProfit ?? (limits.enable_take_profit ? targetFor(side, estimate, limits) : null);
      checkBracket(side, estimate, req.stopLoss, req.takeProfit);
      const failed = preTradeChecks(limits, {
        equity,
        dayStart,
        price: estimate,
        after,
        opening,
        stop: defaultStop,
        positions,
        symbol: req.symbol,
        assetClass: req.assetClass,
        short: after.lt(0),
      }).filter((c) => !c.passed);
      if (failed.length > 0 && limits.enforce) {
        throw new PaperError(422, 'RISK_CHECK_FAILED', 'Order rejected by the pre-trade risk check', failed);
      }
      warnings.push(...failed.map((c) => c.message));
    } else if (req.stopLoss || req.takeProfit) {
      warnings.push('stop_loss and take_profit apply to entries only: ignored on an order that only reduces');
    }

    const order: NewOrder = {
      account_id: account.id,
      user_id: req.userId,
      client_order_id: req.clientOrderId,
      symbol: req.symbol,
      asset_class: req.assetClass,
      side,
      intent: req.intent,
      type: req.type,
      role: 'entry',
      parent_id: null,
      qty: str(qty),
      limit_price: req.limitPrice ? str(req.limitPrice) : null,
      stop_price: null,
      time_in_force: req.timeInForce,
      bracket_stop_loss: stopLoss ? str(stopLoss) : null,
      bracket_take_profit: takeProfit ? str(takeProfit) : null,
      source: req.source,
      alert_id: req.alertId,
      detection_id: req.detectionId,
      pattern: req.pattern,
      confidence: req.confidence === null ? null : String(req.confidence),
    };

    if (req.type === 'limit') {
      return {
        order: (await paperOrders.insert(tx, { ...order, status: 'open' }))!,
        fills: [],
        position: current ?? null,
        account,
        positions,
        marks,
        sizing,
        warnings,
        realized: ZERO,
        replayed: false,
      };
    }
    const price = slippedPrice(quote.price, side);
    const booked = await bookFill(
      tx,
      {
        account,
        positions,
        order,
        delta,
        price,
        reference: quote.price,
        slipped: true,
        fee: commission(qty, price),
        marks,
        exitReason: req.exitReason ?? 'manual',
        now,
      },
      commitWith,
    );
    return { ...booked, marks, sizing, warnings, replayed: false };
  });
}

/**
 * Locks the caller's active account (creating it on first use) and reads what the order is checked against: its
 * open positions, the risk settings and, with an Idempotency-Key, the order it already placed. The reads are sent
 * together behind the lock statement; the connection runs them in order, so they see the state the lock protects.
 */
async function lockAccount(tx: Db, req: OrderRequest, initialCash: string) {
  const [locked, positions, settings, prior] = await Promise.all([
    paperAccounts.lockActive(tx, req.userId),
    paperPositions.listOpenOfUser(tx, req.userId),
    riskSettings.get(tx, req.userId),
    req.clientOrderId ? paperOrders.byClientId(tx, req.userId, req.clientOrderId) : undefined,
  ]);
  if (locked) return { account: locked, positions, settings, prior };
  // No active account yet: create it (concurrent first orders create one), then read again under its lock.
  await paperAccounts.ensureActive(tx, req.userId, initialCash);
  return lockAccount(tx, req, initialCash);
}

/**
 * Fills a resting order if `price` crosses it (domain §9.2): limits at the quote, stops at the quote moved by the
 * slippage. Exit legs fill at most the open quantity; one filling cancels the other. A `day` order whose trading
 * day has ended expires instead. Returns null when nothing filled. Safe to run twice: a filled, cancelled or
 * expired order is skipped under its row lock.
 */
export async function fillResting(ctx: PaperContext, orderId: number, price: Dec) {
  const now = ctx.now?.() ?? new Date();
  return ctx.sql.begin(async (tx) => {
    const order = await paperOrders.lock(tx, orderId);
    if (order?.status !== 'open') return null;
    const assetClass = order.asset_class as AssetClass;
    if (order.time_in_force === 'day' && now.getTime() >= ctx.quotes.tradingDayEnd(assetClass, +order.created_at)) {
      await paperOrders.expire(tx, order.id);
      return null;
    }
    if (!inSession(ctx, assetClass, now)) return null;
    const account = await paperAccounts.lockById(tx, order.account_id);
    if (account?.status !== 'active') {
      await paperOrders.cancel(tx, { ids: [order.id] });
      return null;
    }
    const triggered =
      order.type === 'limit'
        ? order.side === 'buy'
          ? price.lte(order.limit_price!)
          : price.gte(order.limit_price!)
        : order.side === 'sell'
          ? price.lte(order.stop_price!)
          : price.gte(order.stop_price!);
    if (!triggered) return null;
    const positions = await paperPositions.listOpen(tx, account.id);
    const current = positions.find((p) => p.symbol === order.symbol);
    let qty = dec(order.qty);
    if (order.role !== 'entry') {
      if (!current || current.id !== order.position_id) {
        await paperOrders.cancel(tx, { ids: [order.id] });
        return null;
      }
      qty = minOf(qty, dec(current.qty).abs());
    }
    const fillPrice = order.type === 'stop' ? slippedPrice(price, order.side) : price;
    const marks = new Map([[order.symbol, price]]);
    try {
      const booked = await tx.savepoint((sp) =>
        bookFill(sp, {
          account,
          positions,
          order,
          delta: order.side === 'buy' ? qty : qty.neg(),
          price: fillPrice,
          reference: price,
          slipped: order.type === 'stop',
          fee: commission(qty, fillPrice),
          marks,
          exitReason: order.role === 'entry' ? 'manual' : order.role,
          now,
        }),
      );
      return { ...booked, marks };
    } catch (err) {
      if (!(err instanceof PaperError)) throw err;
      await paperOrders.reject(tx, order.id, err.code.toLowerCase());
      return null;
    }
  });
}

/** Equities trade in regular hours only (domain §9.1); crypto and FX orders are not held to a session. */
const inSession = (ctx: PaperContext, assetClass: AssetClass, at: Date) =>
  assetClass !== 'equity' || ctx.quotes.marketOpen(assetClass, at.getTime());

const minOf = (a: Dec, b: Dec) => (a.lt(b) ? a : b);

/** Cancels an open order of the caller, with its bracket legs; 409 INVALID_STATE when it is not open. */
export async function cancelOrder(sql: Sql, userId: string, id: number) {
  return sql.begin(async (tx) => {
    const order = await paperOrders.byId(tx, userId, id);
    if (!order) return null;
    const locked = await paperOrders.lock(tx, id);
    if (locked!.status !== 'open') throw new PaperError(409, 'INVALID_STATE', `Order is ${locked!.status}, not open`);
    const cancelled = await paperOrders.cancel(tx, { ids: [id] });
    await tx`update paper_orders set status = 'cancelled', updated_at = now() where parent_id = ${id} and status = 'open'`;
    return cancelled[0]!;
  });
}

/** Archives the active account (open orders cancelled, history kept) and opens a fresh one (api.md §3.6). */
export async function resetAccount(sql: Sql, userId: string, initialCash: string) {
  return sql.begin(async (tx) => {
    const current = await paperAccounts.lockActive(tx, userId);
    if (current) {
      await paperOrders.cancel(tx, { accountId: current.id });
      await paperAccounts.archive(tx, current.id);
    }
    return paperAccounts.create(tx, userId, initialCash);
  });
}

/** The first response's order, as it stands now (the positions were read under the account lock). */
async function reload(
  tx: Db,
  account: paperAccounts.AccountRow,
  positions: paperPositions.PositionRow[],
  order: paperOrders.OrderRow,
  marks: Map<string, Dec>,
) {
  const fills = await paperFills.forOrders(tx, [order.id]);
  return {
    order,
    fills,
    position: positions.find((p) => p.symbol === order.symbol) ?? null,
    account,
    positions,
    marks,
    sizing: { method: 'explicit' as const, risk_amount: null, stop_distance: null, capped_by: null },
    warnings: [],
    realized: fills.reduce((a, f) => a.plus(f.realized_pnl), ZERO),
  };
}

/** Equity = cash + Σ q·P, unpriced positions at cost (api.md §2 Account). */
export function equityOf(
  a: paperAccounts.AccountRow,
  positions: paperPositions.PositionRow[],
  marks: Map<string, Dec>,
) {
  return positions.reduce((acc, p) => {
    const q = dec(p.qty);
    const mark = marks.get(p.symbol);
    return acc.plus(mark ? q.mul(mark) : dec(p.cost_basis).mul(q.lt(0) ? -1 : 1));
  }, dec(a.cash));
}

async function dayStartEquity(tx: Db, a: paperAccounts.AccountRow, equity: Dec, now: Date) {
  const today = now.toISOString().slice(0, 10);
  if (a.day && a.day.toISOString().slice(0, 10) === today && a.day_start_equity) return dec(a.day_start_equity);
  await paperAccounts.startDay(tx, a.id, today, str(equity));
  return equity;
}

/** Stop used by sizing and the risk rule when the order names none: stop_loss_percentage away (no ATR source yet). */
export function stopFor(side: OrderSide, price: Dec, given: Dec | null, s: Settings) {
  if (given) return given;
  const d = price.mul(s.stop_loss_percentage).div(100);
  return side === 'buy' ? price.minus(d) : price.plus(d);
}

function targetFor(side: OrderSide, price: Dec, s: Settings) {
  const d = price.mul(s.take_profit_percentage).div(100);
  return side === 'buy' ? price.plus(d) : price.minus(d);
}

function checkBracket(side: OrderSide, entry: Dec, stop: Dec | null, target: Dec | null) {
  const below = side === 'buy';
  if (stop && (below ? stop.gte(entry) : stop.lte(entry))) {
    throw invalid('stop_loss', `must be ${below ? 'below' : 'above'} the entry price ${num(entry)}`);
  }
  if (target && (below ? target.lte(entry) : target.gte(entry))) {
    throw invalid('take_profit', `must be ${below ? 'above' : 'below'} the entry price ${num(entry)}`);
  }
}

function invalidLots(assetClass: AssetClass): never {
  const lot = assetClass === 'crypto' ? '0.00000001' : '1';
  throw invalid('qty', `must be a whole number of lots (${lot})`);
}

export interface CheckInput {
  equity: Dec;
  dayStart: Dec | null;
  price: Dec;
  after: Dec;
  opening: Dec;
  stop: Dec;
  positions: paperPositions.PositionRow[];
  symbol: string;
  assetClass: AssetClass;
  short: boolean;
}

/** Rules 1–4 of §9.5 given the account's open positions (also used by the pre-trade check endpoint). */
export function preTradeChecks(limits: RiskLimits, c: CheckInput): RiskCheck[] {
  const others = c.positions.filter((p) => p.symbol !== c.symbol);
  const openAfter = others.length + (c.after.isZero() ? 0 : 1);
  const inClass = others.filter((p) => p.asset_class === c.assetClass).length + (c.after.isZero() ? 0 : 1);
  return riskChecks(limits, {
    equity: c.equity,
    dayStartEquity: c.dayStart,
    price: c.price,
    qtyAfter: c.after,
    opening: c.opening,
    stop: c.stop,
    openAfter,
    openInClassAfter: inClass,
    assetClass: c.assetClass,
    short: c.short,
  });
}
