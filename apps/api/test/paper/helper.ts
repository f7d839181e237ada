import type { Sql } from '@tx/db';
import { tradingDayEnd } from '@tx/market-data';
import type { AssetClass, Quote, QuoteSource } from '@tx/paper';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { type AppDeps, closeAppDeps, createAppDeps } from '../../src/deps';

/**
 * Stands in for the market-data provider (third-party quotes) so a test sets the price a fill sees. Symbols in
 * `unknown` fail like a provider that has never heard of them; symbols without a price have no quote. Markets are
 * open unless their asset class is in `closed`, whatever the time the test runs at.
 */
export class SettableQuotes implements QuoteSource {
  readonly prices = new Map<string, number>();
  readonly unknown = new Set<string>();
  readonly closed = new Set<AssetClass>();
  marketOpen(assetClass: AssetClass): boolean {
    return !this.closed.has(assetClass);
  }
  tradingDayEnd(assetClass: AssetClass, at: number): number {
    return tradingDayEnd(assetClass, at);
  }
  async getQuote(symbol: string): Promise<Quote | null> {
    if (this.unknown.has(symbol)) throw Object.assign(new Error('unknown symbol'), { code: 'unknown_symbol' });
    const price = this.prices.get(symbol);
    const now = new Date().toISOString();
    return price === undefined ? null : { price, as_of: now, provider: 'test' };
  }
}

export interface PaperTestApp {
  app: FastifyInstance;
  deps: AppDeps;
  db: TestDatabase;
  quotes: SettableQuotes;
  close: () => Promise<void>;
}

/** The real app and database with settable quotes; the rate limiter exempts inject's 127.0.0.1. */
export async function paperTestApp(env: Record<string, string> = {}): Promise<PaperTestApp> {
  const db = await createTestDatabase();
  const deps = createAppDeps(
    testConfig({ RATE_LIMIT_ALLOWLIST: '127.0.0.1', DATABASE_POOL_MAX: '20', ...env }),
    'test',
    {
      schema: db.schema,
      keyPrefix: testKeyPrefix(),
    },
  );
  const quotes = new SettableQuotes();
  const real = deps.marketData;
  deps.marketData = new Proxy(real, {
    get: (target, key) =>
      key === 'getQuote' || key === 'marketOpen' ? quotes[key].bind(quotes) : Reflect.get(target, key),
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    db,
    quotes,
    close: async () => {
      await app.close();
      deps.marketData = real;
      await closeAppDeps(deps);
      await db.drop();
    },
  };
}

/**
 * The ledger identity of domain §9.3, evaluated exactly in numeric for every account of the schema:
 * cash + Σ sign(q)·B = initial_cash + realized − fees, and the account totals equal the sums of their fills.
 */
export async function ledgerViolations(sql: Sql) {
  return sql`
    select a.id, a.user_id, a.cash, a.initial_cash, a.realized_pnl, a.fees_paid
      from paper_accounts a
     where a.cash + coalesce((select sum(sign(p.qty) * p.cost_basis) from paper_positions p
                               where p.account_id = a.id and p.status = 'open'), 0)
           <> a.initial_cash + a.realized_pnl - a.fees_paid
        or a.fees_paid <> coalesce((select sum(commission) from paper_fills f where f.account_id = a.id), 0)
        or a.realized_pnl <> coalesce((select sum(realized_pnl) from paper_fills f where f.account_id = a.id), 0)
        or a.cash < 0`;
}

export const post = (app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
