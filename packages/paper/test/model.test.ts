import { paperAccounts, paperPositions, riskSettings } from '@tx/db';
import { createTestDatabase, type TestDatabase } from '@tx/testing';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Intent, marketOrder, type PaperContext, PaperError, placeOrder, type Quote } from '../src';

/**
 * Model-based test: random command sequences run against the real service and database and against an in-memory
 * account written straight from domain §9.2–9.4; after every step both agree on cash, positions, realized P&L and
 * fees, to the last decimal.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
type Dx = InstanceType<typeof D>;
const SYMBOLS = ['AAA', 'BBB'] as const;
const INITIAL = new D(100_000);

class Model {
  cash: Dx = INITIAL;
  realized: Dx = new D(0);
  fees: Dx = new D(0);
  pos = new Map<string, { q: Dx; b: Dx }>();
  constructor(readonly prices: Map<string, number>) {}

  price = (s: string) => new D(String(this.prices.get(s)));

  /** Returns 'filled' or the error code the service must answer with; state changes only on a fill. */
  order(symbol: string, intent: Intent, qty: Dx, reduceOnly = false): string {
    const p = this.pos.get(symbol) ?? { q: new D(0), b: new D(0) };
    if (intent === 'short' && p.q.gt(0)) return 'INVALID_STATE';
    if (intent === 'cover' && !p.q.lt(0)) return 'POSITION_NOT_FOUND';
    if ((intent === 'cover' || reduceOnly) && qty.gt(p.q.abs())) return 'VALIDATION_ERROR';
    const buy = intent === 'buy' || intent === 'cover';
    const fill = this.price(symbol).mul(buy ? 1.0005 : 0.9995);
    const fee = qty.mul(fill).mul(0.001);
    const delta = buy ? qty : qty.neg();
    const cash = this.cash.minus(delta.mul(fill)).minus(fee);
    const same = p.q.isZero() || p.q.lt(0) === delta.lt(0);
    const opening = same ? qty : qty.gt(p.q.abs()) ? qty.minus(p.q.abs()) : new D(0);
    const after = p.q.plus(delta);
    if (opening.gt(0)) {
      let shorts = after.lt(0) ? after.abs().mul(this.price(symbol)) : new D(0);
      for (const [s, o] of this.pos) if (s !== symbol && o.q.lt(0)) shorts = shorts.plus(o.q.abs().mul(this.price(s)));
      if (cash.minus(shorts.mul(1.5)).lt(0)) return 'INSUFFICIENT_FUNDS';
    }
    if (cash.lt(0)) return 'INSUFFICIENT_FUNDS';
    let { q, b } = p;
    if (!same) {
      const size = Decimal.min(qty, q.abs());
      const removed = size.eq(q.abs()) ? b : b.mul(size).div(q.abs()).toDecimalPlaces(10);
      this.realized = this.realized.plus(
        size
          .mul(fill)
          .minus(removed)
          .mul(q.lt(0) ? -1 : 1),
      );
      b = b.minus(removed);
      q = q.plus(buy ? size : size.neg());
    }
    if (opening.gt(0)) {
      b = b.plus(opening.mul(fill));
      q = q.plus(buy ? opening : opening.neg());
    }
    this.pos.set(symbol, { q, b });
    this.cash = cash;
    this.fees = this.fees.plus(fee);
    return 'filled';
  }
}

type Cmd =
  | { kind: 'order'; symbol: string; intent: Intent; qty: number }
  | { kind: 'close'; symbol: string; fraction: number }
  | { kind: 'move'; symbol: string; cents: number };

const symbol = fc.constantFrom(...SYMBOLS);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    symbol,
    intent: fc.constantFrom<Intent>('buy', 'sell', 'short', 'cover'),
    qty: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant('close' as const), symbol, fraction: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('move' as const), symbol, cents: fc.integer({ min: 1_000, max: 60_000 }) }),
);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function agree(userId: string, m: Model) {
  const account = (await paperAccounts.findActive(db.sql, userId))!;
  expect(new D(account.cash).eq(m.cash), `cash ${account.cash} vs ${m.cash}`).toBe(true);
  expect(new D(account.realized_pnl).eq(m.realized), `realized ${account.realized_pnl} vs ${m.realized}`).toBe(true);
  expect(new D(account.fees_paid).eq(m.fees), `fees ${account.fees_paid} vs ${m.fees}`).toBe(true);
  const open = await paperPositions.listOpen(db.sql, account.id);
  for (const s of SYMBOLS) {
    const row = open.find((p) => p.symbol === s);
    const want = m.pos.get(s) ?? { q: new D(0), b: new D(0) };
    expect(new D(row?.qty ?? 0).eq(want.q), `${s} qty`).toBe(true);
    expect(new D(row?.cost_basis ?? 0).eq(want.b), `${s} basis ${row?.cost_basis} vs ${want.b}`).toBe(true);
  }
  const basis = open.reduce((a, p) => a.plus(new D(p.cost_basis).mul(new D(p.qty).lt(0) ? -1 : 1)), new D(0));
  expect(new D(account.cash).plus(basis).eq(INITIAL.plus(account.realized_pnl).minus(account.fees_paid))).toBe(true);
}

describe('paper account vs decimal model', () => {
  it('agrees after every step of 300 random sequences', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 3, maxLength: 8 }), async (cmds) => {
        run += 1;
        const userId = `model-${run}-${Math.random().toString(36).slice(2, 8)}`;
        await riskSettings.upsert(db.sql, userId, {
          enforce: false,
          enable_stop_loss: false,
          enable_take_profit: false,
        });
        const prices = new Map<string, number>([
          ['AAA', 123.45],
          ['BBB', 310.07],
        ]);
        const quotes = {
          getQuote: async (s: string): Promise<Quote> => ({
            price: prices.get(s)!,
            as_of: new Date().toISOString(),
            provider: 'test',
          }),
          // The model trades in session with market orders only; hours and day orders are tested elsewhere.
          marketOpen: () => true,
          tradingDayEnd: () => Number.POSITIVE_INFINITY,
        };
        const ctx: PaperContext = { sql: db.sql, quotes, initialCash: '100000', maxQuoteAgeS: 900 };
        const model = new Model(prices);
        for (const c of cmds) {
          if (c.kind === 'move') {
            prices.set(c.symbol, c.cents / 100);
            continue;
          }
          let intent: Intent = c.kind === 'order' ? c.intent : 'sell';
          let qty = new D(c.kind === 'order' ? c.qty : 0);
          if (c.kind === 'close') {
            const q = model.pos.get(c.symbol)?.q ?? new D(0);
            intent = q.lt(0) ? 'cover' : 'sell';
            qty = Decimal.max(1, q.abs().mul(c.fraction).floor()) as Dx;
          }
          const expected =
            c.kind === 'close' && (model.pos.get(c.symbol)?.q ?? new D(0)).isZero()
              ? 'VALIDATION_ERROR'
              : model.order(c.symbol, intent, qty, c.kind === 'close');
          let got = 'filled';
          try {
            await placeOrder(
              ctx,
              marketOrder({
                userId,
                symbol: c.symbol,
                assetClass: 'equity',
                intent,
                qty: new D(qty),
                reduceOnly: c.kind === 'close',
              }),
            );
          } catch (err) {
            if (!(err instanceof PaperError)) throw err;
            got = err.code;
          }
          expect(got, JSON.stringify(c)).toBe(expected);
          if (await paperAccounts.findActive(db.sql, userId)) await agree(userId, model);
        }
      }),
      { numRuns: 300 },
    );
  }, 600_000);
});
