import { TRADE_POLL_MS } from '@tx/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ledgerViolations, type PaperTestApp, paperTestApp, post } from './helper';

let t: PaperTestApp;
beforeAll(async () => {
  t = await paperTestApp();
  t.quotes.prices.set('AAPL', 200);
  t.quotes.prices.set('BTC-USD', 50_000);
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await ledgerViolations(t.db.sql)).toEqual([]);
});

describe('POST /api/paper-trade/execute', () => {
  it('fills a market buy with slippage and commission and lists it as an open row', async () => {
    const res = await post(t.app, '/api/paper-trade/execute', {
      symbol: 'aapl',
      side: 'BUY',
      qty: 10,
      price: 95000,
      user_id: 'u1',
    });
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data.fills[0]).toMatchObject({
      qty: 10,
      price: 200.1,
      reference_price: 200,
      slippage_bps: 5,
      commission: 2,
    });
    expect(data.account.cash).toBe(97_997); // 100,000 − 2,001 − 2.001, to the cent
    const list = await t.app.inject({ method: 'GET', url: '/api/paper-trade/portfolio?user_id=u1' });
    expect(list.statusCode).toBe(200);
    const rows = list.json().data;
    expect(Array.isArray(rows)).toBe(true);
    expect(rows[0]).toMatchObject({ symbol: 'AAPL', side: 'buy', qty: 10, price: 200.1, status: 'open', pnl: -1 });
  });

  it('closes part of a position and shows the closed row with realized P&L', async () => {
    t.quotes.prices.set('AAPL', 210);
    const res = await post(t.app, '/api/close-position', { symbol: 'AAPL', qty: 4, user_id: 'u1' });
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    // 4 × (210 × 0.9995 − 200.1) = 4 × 9.795 = 39.18
    expect(d.realized_pnl).toBe(39.18);
    expect(d.position.qty).toBe(6);
    const rows = (await t.app.inject({ method: 'GET', url: '/api/paper-trades?user_id=u1' })).json().data;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['open', 'closed']);
    expect(rows[1]).toMatchObject({
      id: expect.stringMatching(/^trd_/),
      side: 'buy',
      qty: 4,
      price: 200.1,
      pnl: 39.18,
    });
    const account = (await t.app.inject({ method: 'GET', url: '/api/portfolio?user_id=u1' })).json().data;
    expect(account.positions[0]).toMatchObject({ symbol: 'AAPL', qty: 6, quantity: 6, avg_price: 200.1 });
    expect(account).toMatchObject({ realized_pnl: 39.18 });
  });

  it('sizes a null qty from the risk settings', async () => {
    const res = await post(t.app, '/api/paper-trade/execute', { symbol: 'BTC', side: 'buy', qty: null, user_id: 'u2' });
    expect(res.statusCode).toBe(201);
    const d = res.json().data;
    expect(d.sizing.method).toBe('risk');
    // 2 % of 100,000 over a 2 % stop = 100,000 notional, capped at 20 % of equity: 20,000 / 50,025
    expect(d.sizing.capped_by).toBe('max_position_pct');
    expect(d.fills[0].qty).toBe(0.39980009);
  });

  it('rejects a position above 20 % of equity with the failed rule', async () => {
    const res = await post(t.app, '/api/paper-trade/execute', {
      symbol: 'BTC-USD',
      side: 'buy',
      qty: 1,
      user_id: 'u3',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('RISK_CHECK_FAILED');
    expect(res.json().error.details.map((x: { rule: string }) => x.rule)).toContain('max_position_pct');
  });

  it('short, then cover; explicit cover without a short is POSITION_NOT_FOUND', async () => {
    expect(
      (await post(t.app, '/api/paper-trade/execute', { symbol: 'AAPL', side: 'cover', qty: 1, user_id: 'u4' })).json()
        .error.code,
    ).toBe('POSITION_NOT_FOUND');
    const s = await post(t.app, '/api/paper-trade/execute', { symbol: 'AAPL', side: 'short', qty: 5, user_id: 'u4' });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().data.position).toMatchObject({ side: 'short', qty: 5 });
    const rows = (await t.app.inject({ method: 'GET', url: '/api/paper-trade/portfolio?user_id=u4' })).json().data;
    expect(rows[0].side).toBe('sell');
    const c = await post(t.app, '/api/paper-trade/execute', {
      symbol: 'AAPL',
      side: 'cover',
      qty: null,
      user_id: 'u4',
    });
    expect(c.statusCode).toBe(201);
    expect(c.json().data.position).toBeNull();
  });

  it('execute-from-alert refuses CONTINUATION and trades BUY with the suggested levels', async () => {
    const bad = await post(t.app, '/api/paper-trade/execute-from-alert', {
      symbol: 'AAPL',
      suggested_action: 'CONTINUATION',
      user_id: 'u5',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('NOT_ACTIONABLE');
    const res = await post(t.app, '/api/paper-trade/execute-from-alert', {
      symbol: 'AAPL',
      suggested_action: 'BUY',
      risk_suggestions: { entry: 210, stop_loss: 200, take_profit: 230, rr: 2 },
      confidence: 0.6,
      pattern: 'Bullish Engulfing',
      quantity: null,
      user_id: 'u5',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.position).toMatchObject({ stop_loss: 200, take_profit: 230 });
    const orders = (await t.app.inject({ method: 'GET', url: '/api/orders?status=open&user_id=u5' })).json().data;
    expect(orders.map((o: { role: string }) => o.role).sort()).toEqual(['stop_loss', 'take_profit']);
  });
});

describe('trade evaluation of resting orders', () => {
  it('asks for an evaluation now and at the start of the next poll slot, so a late order is never missed', async () => {
    t.quotes.prices.set('ETH-USD', 2_500); // no other test here trades it: its jobs are this order's
    const res = await post(t.app, '/api/paper-trade/execute', {
      symbol: 'ETH-USD',
      side: 'buy',
      qty: 0.01,
      type: 'limit',
      limit_price: 2_000,
      user_id: 'u-eval',
    });
    expect(res.statusCode).toBe(201);
    const jobs = await t.deps.queues.trade.getJobs(['waiting', 'delayed', 'active', 'completed']);
    const slots = jobs
      .filter((j) => j.id?.startsWith('trade-eval_ETH-USD_'))
      .map((j) => Number(j.id!.slice('trade-eval_ETH-USD_'.length)))
      .sort((x, y) => x - y);
    expect(slots).toEqual([slots[0], slots[0]! + 1]);
    const next = jobs.find((j) => j.id === `trade-eval_ETH-USD_${slots[1]}`)!;
    // Delayed until the next slot begins: it runs after every order this slot placed. BullMQ stamps the job a
    // millisecond or two after the delay was computed, so the due time may land just past the slot's start.
    const due = next.timestamp + next.delay;
    expect(due).toBeGreaterThanOrEqual(slots[1]! * TRADE_POLL_MS);
    expect(due).toBeLessThan(slots[1]! * TRADE_POLL_MS + 1_000);
  });
});
