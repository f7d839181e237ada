import { paperOrders, paperPositions, riskSettings } from '@tx/db';
import { cancelOrder, dec, marketOrder, type OrderRequest, type PaperContext, placeOrder, type Quote } from '@tx/paper';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerDeps, createWorkerDeps, type WorkerDeps } from '../src/deps';
import { tradeEvaluate } from '../src/handlers/trade-evaluate';

// Stands in for the market-data provider: the test sets the price the worker sees and whether equities trade.
const prices = new Map<string, number>();
let equitiesOpen = true;
let dayEnd = Number.POSITIVE_INFINITY;
const quotes = {
  getQuote: async (s: string): Promise<Quote | null> =>
    prices.has(s) ? { price: prices.get(s)!, as_of: new Date().toISOString(), provider: 'test' } : null,
  marketOpen: (assetClass: string) => assetClass !== 'equity' || equitiesOpen,
  tradingDayEnd: () => dayEnd,
};

let db: TestDatabase;
let deps: WorkerDeps;
let ctx: PaperContext;
beforeAll(async () => {
  db = await createTestDatabase();
  deps = createWorkerDeps(testConfig(), { schema: db.schema, keyPrefix: testKeyPrefix() });
  deps.marketData = new Proxy(deps.marketData, {
    get: (t, k) => (k === 'getQuote' || k === 'marketOpen' || k === 'tradingDayEnd' ? quotes[k] : Reflect.get(t, k)),
  });
  ctx = { sql: deps.sql, quotes, initialCash: '100000', maxQuoteAgeS: 900 };
});
afterAll(async () => {
  await closeWorkerDeps(deps);
  await db.drop();
});

const base = (userId: string, extra: Partial<OrderRequest>): OrderRequest =>
  marketOrder({ userId, symbol: 'AAPL', assetClass: 'equity', intent: 'buy', qty: dec(10), ...extra });
const run = () => tradeEvaluate.handle({ v: 1, symbol: 'AAPL' }, { deps, job: {} as Job });

describe('trade worker', () => {
  it('fills a resting buy limit once the price crosses it, at the quote, and only once', async () => {
    await riskSettings.upsert(deps.sql, 'lim', { enable_stop_loss: false, enable_take_profit: false });
    prices.set('AAPL', 100);
    const placed = await placeOrder(ctx, base('lim', { type: 'limit', limitPrice: dec(95) }));
    expect(placed.order.status).toBe('open');
    expect(await run()).toEqual({ filled: 0 });
    prices.set('AAPL', 94.5);
    expect(await run()).toEqual({ filled: 1 });
    expect(await run()).toEqual({ filled: 0 });
    const order = await paperOrders.byId(deps.sql, 'lim', placed.order.id);
    expect(order).toMatchObject({ status: 'filled', avg_fill_price: '94.5' });
  });

  it('a stop-loss leg closes the position with slippage, records the outcome and cancels the target', async () => {
    prices.set('AAPL', 100);
    const placed = await placeOrder(
      ctx,
      base('brk', { stopLoss: dec(95), takeProfit: dec(110), source: 'alert', alertId: 7 }),
    );
    const legs = (await paperOrders.list(deps.sql, 'brk', { status: 'open', limit: 10 })).map((o) => o.role).sort();
    expect(legs).toEqual(['stop_loss', 'take_profit']);
    prices.set('AAPL', 94);
    expect(await run()).toEqual({ filled: 1 });
    const position = await paperPositions.byId(deps.sql, 'brk', placed.position!.id);
    expect(position!.status).toBe('closed');
    const [outcome] =
      await deps.sql`select exit_reason, side, alert_id, r_multiple::float8 as r from paper_trade_outcomes where user_id = 'brk'`;
    expect(outcome).toMatchObject({ exit_reason: 'stop_loss', side: 'long', alert_id: 7 });
    // net = 10 × (94 × 0.9995 − 100.05) − fees; initial risk = 10 × (100.05 − 95)
    expect(outcome!.r).toBeLessThan(-1);
    const open = await paperOrders.list(deps.sql, 'brk', { status: 'open', limit: 10 });
    expect(open).toEqual([]);
  });

  it('an equity limit crossed outside regular hours waits for the session', async () => {
    await riskSettings.upsert(deps.sql, 'night', { enable_stop_loss: false, enable_take_profit: false });
    prices.set('AAPL', 100);
    const placed = await placeOrder(ctx, base('night', { type: 'limit', limitPrice: dec(95) }));
    prices.set('AAPL', 90);
    equitiesOpen = false;
    try {
      expect(await run()).toEqual({ filled: 0 });
      expect((await paperOrders.byId(deps.sql, 'night', placed.order.id))!.status).toBe('open');
    } finally {
      equitiesOpen = true;
    }
    expect(await run()).toEqual({ filled: 1 });
  });

  it('a margin call buys back every short of an account whose cash falls under 1.25 × their value', async () => {
    for (const user of ['thin', 'rich']) {
      await riskSettings.upsert(deps.sql, user, { enable_stop_loss: false, enable_take_profit: false, enforce: false });
    }
    prices.set('AAPL', 100);
    const thin = await placeOrder({ ...ctx, initialCash: '1000' }, base('thin', { intent: 'short', qty: dec(5) }));
    const rich = await placeOrder(ctx, base('rich', { intent: 'short', qty: dec(5) }));
    // thin: cash 1,499.25 after the short; at 250 its shorts need 1.25 × 5 × 250 = 1,562.50
    prices.set('AAPL', 250);
    expect(await run()).toEqual({ filled: 1 });
    expect((await paperPositions.byId(deps.sql, 'thin', thin.position!.id))!.status).toBe('closed');
    expect((await paperPositions.byId(deps.sql, 'rich', rich.position!.id))!.status).toBe('open');
    const [outcome] = await deps.sql`select exit_reason, side from paper_trade_outcomes where user_id = 'thin'`;
    expect(outcome).toMatchObject({ exit_reason: 'margin_call', side: 'short' });
    expect(await run()).toEqual({ filled: 0 });
  });

  it('a day order expires unfilled once its trading day has ended; a gtc order keeps resting', async () => {
    await riskSettings.upsert(deps.sql, 'tif', { enable_stop_loss: false, enable_take_profit: false });
    prices.set('AAPL', 100);
    const day = await placeOrder(ctx, base('tif', { type: 'limit', limitPrice: dec(50), timeInForce: 'day' }));
    const gtc = await placeOrder(ctx, base('tif', { type: 'limit', limitPrice: dec(50) }));
    expect(await run()).toEqual({ filled: 0 });
    expect((await paperOrders.byId(deps.sql, 'tif', day.order.id))!.status).toBe('open');
    dayEnd = Date.now() - 1;
    try {
      expect(await run()).toEqual({ filled: 0 });
    } finally {
      dayEnd = Number.POSITIVE_INFINITY;
    }
    expect((await paperOrders.byId(deps.sql, 'tif', day.order.id))!.status).toBe('expired');
    expect((await paperOrders.byId(deps.sql, 'tif', gtc.order.id))!.status).toBe('open');
    await cancelOrder(deps.sql, 'tif', gtc.order.id);
  });
});
