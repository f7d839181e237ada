import type { Config } from '@tx/config';
import { TRADE_POLL_MS, TradeEvaluateJob, tradeEvaluateJobId } from '@tx/contracts';
import type { paperOrders, Sql } from '@tx/db';
import { isSymbolError, normalizeSymbol } from '@tx/market-data';
import {
  type AssetClass,
  type Dec,
  dec,
  fillView,
  type OrderRequest,
  type OrderResult,
  orderView,
  type PaperContext,
  PaperError,
  placeOrder,
  portfolioUpdate,
  positionView,
  type QuoteSource,
  snapshot,
} from '@tx/paper';
import { enqueue, type Queues } from '@tx/queue';
import { channels, type EventPublisher } from '@tx/realtime';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../lib/errors';

export interface PaperDeps {
  sql: Sql;
  quotes: QuoteSource;
  publisher: EventPublisher;
  queues: Queues;
  config: Config;
  /** Spent risk-confirmation tokens live here, under `keyPrefix`. */
  redis: Redis;
  keyPrefix: string;
}

export function paperContext(d: PaperDeps): PaperContext {
  return {
    sql: d.sql,
    quotes: d.quotes,
    initialCash: String(d.config.PAPER_INITIAL_CASH),
    maxQuoteAgeS: d.config.PAPER_MAX_QUOTE_AGE_S,
  };
}

/** Canonical symbol and class (api.md §1.7); malformed input is 400 INVALID_SYMBOL. */
export function instrument(raw: string): { symbol: string; assetClass: AssetClass } {
  const n = normalizeSymbol(raw);
  if (isSymbolError(n)) throw new AppError(400, 'INVALID_SYMBOL', `Symbol "${raw.slice(0, 32)}" is malformed`);
  return n;
}

/** Engine rejections carry the contract's status and code; they pass through the one error handler as AppErrors. */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof PaperError) throw new AppError(err.statusCode, err.code, err.message, err.details);
    throw err;
  }
}

/** Places the order, then tells the owner (portfolio_update) and, for a resting order, the trade worker. */
export async function execute(d: PaperDeps, log: FastifyBaseLogger, req: OrderRequest): Promise<OrderResult> {
  const result = await guarded(() => placeOrder(paperContext(d), req));
  if (result.replayed) return result;
  // The trade worker watches resting orders, bracket legs and shorts (margin call) on each quote poll.
  const watched = result.order.status === 'open' || hasBracket(result) || isShort(result);
  if (watched) await evaluateSoon(d, log, req.symbol);
  const reason = result.fills.length > 0 ? 'fill' : 'order';
  await d.publisher
    .publish(channels.portfolio(req.userId), 'portfolio_update', portfolioUpdate(reason, result))
    .catch((err: Error) => log.warn({ err: err.message }, 'portfolio_update not published'));
  return result;
}

/** Per queue connection: the evaluation job id this process last added for each symbol. */
const added = new WeakMap<Queues, Map<string, string>>();

/**
 * Asks the trade worker to evaluate the symbol's resting orders now and again at the start of the next poll slot.
 * The next slot's job is what covers an order placed after this slot's job already ran (BullMQ ignores a job id it
 * already holds, and the worker only re-polls when it saw something resting). A slot this process already added
 * is not sent again: two Redis scripts per symbol and slot instead of one per order.
 */
async function evaluateSoon(d: PaperDeps, log: FastifyBaseLogger, symbol: string) {
  const now = Date.now();
  const jobId = tradeEvaluateJobId(symbol, now);
  const last = added.get(d.queues) ?? new Map<string, string>();
  added.set(d.queues, last);
  if (last.get(symbol) === jobId) return;
  const nextSlot = (Math.floor(now / TRADE_POLL_MS) + 1) * TRADE_POLL_MS;
  await Promise.all([
    enqueue(d.queues, TradeEvaluateJob, { v: 1, symbol }, { jobId }),
    enqueue(
      d.queues,
      TradeEvaluateJob,
      { v: 1, symbol },
      { jobId: tradeEvaluateJobId(symbol, nextSlot), delayMs: nextSlot - now },
    ),
  ]).then(
    () => last.set(symbol, jobId),
    (err: Error) => log.warn({ err: err.message, symbol }, 'trade evaluation not enqueued'),
  );
}

function isShort(r: OrderResult) {
  return Boolean(r.position && dec(r.position.qty).lt(0));
}

function hasBracket(r: OrderResult) {
  return Boolean(r.position && (r.position.stop_loss || r.position.take_profit));
}

/** The execute response (api.md §3.6). */
export function executeView(r: OrderResult) {
  const equity = r.positions.reduce((acc, p) => {
    const q = dec(p.qty);
    const m = r.marks.get(p.symbol);
    return acc.plus(m ? q.mul(m) : dec(p.cost_basis).mul(q.lt(0) ? -1 : 1));
  }, dec(r.account.cash));
  const shorts = r.positions
    .filter((p) => dec(p.qty).lt(0))
    .reduce(
      (acc, p) =>
        acc.plus(
          dec(p.qty)
            .abs()
            .mul(r.marks.get(p.symbol) ?? dec(p.cost_basis).div(dec(p.qty).abs())),
        ),
      dec(0),
    );
  const bp: Dec = dec(r.account.cash).minus(shorts.mul(1.5));
  return {
    order: orderView(r.order),
    fills: r.fills.map(fillView),
    position: r.position ? positionView(r.position, r.marks.get(r.position.symbol) ?? null) : null,
    account: {
      cash: dec(r.account.cash).toDecimalPlaces(2).toNumber(),
      equity: equity.toDecimalPlaces(2).toNumber(),
      buying_power: (bp.lt(0) ? dec(0) : bp).toDecimalPlaces(2).toNumber(),
    },
    sizing: r.sizing,
    warnings: r.warnings,
  };
}

/** portfolio_update after an order change without a fill (cancel, reset), valued like GET /api/account. */
export async function publishOrderChange(
  d: PaperDeps,
  log: FastifyBaseLogger,
  userId: string,
  reason: 'order' | 'reset',
  order: paperOrders.OrderRow | null,
) {
  try {
    const snap = await snapshot(paperContext(d), userId);
    const data = portfolioUpdate(reason, { ...snap, order, fills: [], position: null });
    await d.publisher.publish(channels.portfolio(userId), 'portfolio_update', data);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'portfolio_update not published');
  }
}
