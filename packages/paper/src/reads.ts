import { paperAccounts, paperFills, paperPositions, type Sql } from '@tx/db';
import { markPrices, type QuoteSource } from './quotes';
import { accountView, closedTradeView, openTradeView } from './views';

export interface ReadContext {
  sql: Sql;
  quotes: QuoteSource;
  maxQuoteAgeS: number;
  initialCash: string;
}

/** The account marked to the latest quotes; an account is created on first use (api.md §3.6). */
export async function account(ctx: ReadContext, userId: string) {
  const a = await paperAccounts.ensureActive(ctx.sql, userId, ctx.initialCash);
  const positions = await paperPositions.listOpen(ctx.sql, a.id);
  const now = new Date();
  const marks = await markPrices(
    ctx.quotes,
    positions.map((p) => p.symbol),
    ctx.maxQuoteAgeS,
    now,
  );
  return accountView(a, { positions, marks }, now);
}

export interface TradeFilter {
  status: 'open' | 'closed' | 'all';
  symbol?: string;
  limit: number;
  /** Id of the last closed row of the previous page. */
  beforeId?: number;
}

/**
 * The trading screen's rows (PaperTrade): open positions first (only on the first page), then the closing fills,
 * newest first. Returns the rows and the id to continue the closed rows from (null on the last page).
 */
export async function trades(ctx: ReadContext, userId: string, f: TradeFilter) {
  const open: ReturnType<typeof openTradeView>[] = [];
  if (f.status !== 'closed' && f.beforeId === undefined) {
    const a = await paperAccounts.findActive(ctx.sql, userId);
    const positions = a ? await paperPositions.listOpen(ctx.sql, a.id) : [];
    const chosen = positions.filter((p) => !f.symbol || p.symbol === f.symbol);
    const marks = await markPrices(
      ctx.quotes,
      chosen.map((p) => p.symbol),
      ctx.maxQuoteAgeS,
      new Date(),
    );
    open.push(...chosen.map((p) => openTradeView(p, marks.get(p.symbol) ?? null)));
  }
  if (f.status === 'open') return { rows: open, next: null };
  const closed = await paperFills.closing(ctx.sql, userId, {
    symbol: f.symbol,
    limit: f.limit + 1,
    beforeId: f.beforeId,
  });
  const page = closed.slice(0, f.limit);
  return {
    rows: [...open, ...page.map(closedTradeView)],
    next: closed.length > f.limit ? page.at(-1)!.id : null,
  };
}

/** The active account, its open positions and their marks (event payloads after changes without a fill). */
export async function snapshot(ctx: ReadContext, userId: string) {
  const a = await paperAccounts.ensureActive(ctx.sql, userId, ctx.initialCash);
  const positions = await paperPositions.listOpen(ctx.sql, a.id);
  const marks = await markPrices(
    ctx.quotes,
    positions.map((p) => p.symbol),
    ctx.maxQuoteAgeS,
    new Date(),
  );
  return { account: a, positions, marks };
}
