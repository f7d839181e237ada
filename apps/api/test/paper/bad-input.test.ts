import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerViolations, type PaperTestApp, paperTestApp, post } from './helper';

let t: PaperTestApp;
beforeAll(async () => {
  t = await paperTestApp();
  t.quotes.prices.set('AAPL', 150);
  t.quotes.unknown.add('ZZZZ');
  // MSFT is a valid symbol without any quote: its market price is unknown.
});
afterAll(() => t.close());

const cases: [string, Record<string, unknown>, number, string][] = [
  ['negative qty', { symbol: 'AAPL', side: 'buy', qty: -5 }, 400, 'VALIDATION_ERROR'],
  ['zero qty', { symbol: 'AAPL', side: 'buy', qty: 0 }, 400, 'VALIDATION_ERROR'],
  ['NaN qty', { symbol: 'AAPL', side: 'buy', qty: 'NaN' }, 400, 'VALIDATION_ERROR'],
  ['non-numeric qty', { symbol: 'AAPL', side: 'buy', qty: 'ten' }, 400, 'VALIDATION_ERROR'],
  ['absurd qty', { symbol: 'AAPL', side: 'buy', qty: 1e15 }, 400, 'VALIDATION_ERROR'],
  ['fractional shares', { symbol: 'AAPL', side: 'buy', qty: 1.5 }, 400, 'VALIDATION_ERROR'],
  ['unknown side', { symbol: 'AAPL', side: 'hold', qty: 1 }, 400, 'VALIDATION_ERROR'],
  ['malformed symbol', { symbol: '$$$!', side: 'buy', qty: 1 }, 400, 'INVALID_SYMBOL'],
  ['unknown symbol', { symbol: 'ZZZZ', side: 'buy', qty: 1 }, 404, 'UNKNOWN_SYMBOL'],
  ['unknown market price', { symbol: 'MSFT', side: 'buy', qty: 1 }, 422, 'PRICE_UNAVAILABLE'],
  ['unknown property', { symbol: 'AAPL', side: 'buy', qty: 1, cash: 1e9 }, 400, 'VALIDATION_ERROR'],
  ['stop above a long entry', { symbol: 'AAPL', side: 'buy', qty: 1, stop_loss: 160 }, 400, 'VALIDATION_ERROR'],
  ['qty and quantity disagree', { symbol: 'AAPL', side: 'buy', qty: 1, quantity: 2 }, 400, 'VALIDATION_ERROR'],
];

describe('bad input writes nothing', () => {
  it.each(cases)('%s', async (_name, body, status, code) => {
    const res = await post(t.app, '/api/paper-trade/execute', { ...body, user_id: 'bad' });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    for (const table of ['paper_orders', 'paper_fills', 'paper_positions', 'paper_accounts']) {
      const [row] = await t.db.sql`select count(*)::int as n from ${t.db.sql(table)}`;
      expect(row!.n, table).toBe(0);
    }
    expect(await ledgerViolations(t.db.sql)).toEqual([]);
  });

  it('close-position without an open position is POSITION_NOT_FOUND, a qty above it is 400', async () => {
    const none = await post(t.app, '/api/close-position', { symbol: 'AAPL', user_id: 'bad2' });
    expect([none.statusCode, none.json().error.code]).toEqual([422, 'POSITION_NOT_FOUND']);
    expect(
      (await post(t.app, '/api/paper-trade/execute', { symbol: 'AAPL', side: 'buy', qty: 2, user_id: 'bad2' }))
        .statusCode,
    ).toBe(201);
    const over = await post(t.app, '/api/close-position', { symbol: 'AAPL', qty: 3, user_id: 'bad2' });
    expect(over.statusCode).toBe(400);
    const [{ n }] = (await t.db.sql`select count(*)::int as n from paper_fills where user_id = 'bad2'`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('an equity market order outside regular hours is MARKET_CLOSED and writes nothing; a limit order rests', async () => {
    t.quotes.closed.add('equity');
    try {
      const market = await post(t.app, '/api/paper-trade/execute', {
        symbol: 'AAPL',
        side: 'buy',
        qty: 1,
        user_id: 'shut',
      });
      expect([market.statusCode, market.json().error.code]).toEqual([422, 'MARKET_CLOSED']);
      const [{ n }] = (await t.db
        .sql`select count(*)::int as n from paper_orders where user_id = 'shut'`) as unknown as [{ n: number }];
      expect(n).toBe(0);
      const limit = await post(t.app, '/api/paper-trade/execute', {
        symbol: 'AAPL',
        side: 'buy',
        qty: 1,
        type: 'limit',
        limit_price: 140,
        user_id: 'shut',
      });
      expect([limit.statusCode, limit.json().data.order.status]).toEqual([201, 'open']);
    } finally {
      t.quotes.closed.delete('equity');
    }
  });
});
