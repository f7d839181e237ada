import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ledgerViolations, type PaperTestApp, paperTestApp, post } from './helper';

let t: PaperTestApp;
beforeAll(async () => {
  t = await paperTestApp();
  t.quotes.prices.set('AAPL', 1000);
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await ledgerViolations(t.db.sql)).toEqual([]);
});

const rows = async (table: string, user: string) =>
  Number((await t.db.sql`select count(*)::int as n from ${t.db.sql(table)} where user_id = ${user}`)[0]!.n);

describe('balance under concurrency', () => {
  it('200 concurrent market buys that exceed the cash fill exactly what the cash allows', async () => {
    const user = 'race';
    // Position limits would stop the buys first; warn-only rules leave the funds rule, which is always enforced.
    await post(t.app, '/api/risk-settings', {
      enforce: false,
      enable_stop_loss: false,
      enable_take_profit: false,
      user_id: user,
    });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        post(t.app, '/api/paper-trade/execute', { symbol: 'AAPL', side: 'buy', qty: 10, user_id: user }),
      ),
    );
    const codes = responses.map((r) => (r.statusCode === 201 ? 'filled' : r.json().error.code));
    // Each buy costs 10 × 1000.5 + 0.1 % = 10,015.005: 100,000 pays for 9 of them.
    expect(codes.filter((c) => c === 'filled')).toHaveLength(9);
    expect(codes.filter((c) => c !== 'filled').every((c) => c === 'INSUFFICIENT_FUNDS')).toBe(true);
    const [account] = await t.db.sql`select cash::text, fees_paid::text from paper_accounts where user_id = ${user}`;
    expect(account).toEqual({ cash: '9864.955', fees_paid: '90.045' });
    expect(await rows('paper_fills', user)).toBe(9);
    expect(await rows('paper_orders', user)).toBe(9);
  });

  it('the same Idempotency-Key sent 10 times concurrently moves money once', async () => {
    const user = 'idem';
    const body = { symbol: 'AAPL', side: 'buy', qty: 2, user_id: user };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(t.app, '/api/paper-trade/execute', body, { 'idempotency-key': 'k-1' })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const orderIds = new Set(responses.map((r) => r.json().data.order.id));
    expect(orderIds.size).toBe(1);
    expect(await rows('paper_fills', user)).toBe(1);
    const [account] = await t.db.sql`select cash::text from paper_accounts where user_id = ${user}`;
    expect(account!.cash).toBe('97996.999'); // 100,000 − 2 × 1000.5 − 2.001

    const reused = await post(t.app, '/api/paper-trade/execute', { ...body, qty: 3 }, { 'idempotency-key': 'k-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The same key on another route is another scope.
    const other = await post(
      t.app,
      '/api/close-position',
      { symbol: 'AAPL', qty: 1, user_id: user },
      { 'idempotency-key': 'k-1' },
    );
    expect(other.statusCode).toBe(200);
    expect(await rows('paper_fills', user)).toBe(2);
  });

  it('a replayed business rejection is replayed, a 400 is not stored', async () => {
    const user = 'idem2';
    const key = { 'idempotency-key': 'k-2' };
    const first = await post(
      t.app,
      '/api/paper-trade/execute',
      { symbol: 'AAPL', side: 'cover', qty: 1, user_id: user },
      key,
    );
    expect(first.json().error.code).toBe('POSITION_NOT_FOUND');
    const again = await post(
      t.app,
      '/api/paper-trade/execute',
      { symbol: 'AAPL', side: 'cover', qty: 1, user_id: user },
      key,
    );
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().error.code).toBe('POSITION_NOT_FOUND');
    const bad = await post(
      t.app,
      '/api/paper-trade/execute',
      { symbol: 'AAPL', side: 'buy', qty: -1, user_id: user },
      { 'idempotency-key': 'k-3' },
    );
    expect(bad.statusCode).toBe(400);
    const fixed = await post(
      t.app,
      '/api/paper-trade/execute',
      { symbol: 'AAPL', side: 'buy', qty: 1, user_id: user },
      { 'idempotency-key': 'k-3' },
    );
    expect(fixed.statusCode).toBe(201);
  });
});
