import { paperPositions } from '@tx/db';
import { PaperError } from './errors';
import { shortValue } from './ledger';
import type { AssetClass } from './lots';
import { dec } from './money';
import { marketOrder, type OrderResult, type PaperContext, placeOrder } from './orders';
import { markPrices } from './quotes';

/** Maintenance requirement of domain §9.4: cash must stay at least 1.25 × the value of the open shorts. */
const MAINTENANCE_MARGIN = 1.25;

/**
 * The margin call of domain §9.4 after a quote update of `symbol`: every account short `symbol` whose cash is under
 * 1.25 × Σ |q|·P of its shorts (each at its latest quote) has all its shorts bought back at market, with exit reason
 * `margin_call`. A cover that cannot fill now (market closed, no quote) waits for the next evaluation. Returns the
 * fills, for the caller to tell their owners.
 */
export async function marginCalls(ctx: PaperContext, symbol: string): Promise<OrderResult[]> {
  const now = ctx.now?.() ?? new Date();
  const covered: OrderResult[] = [];
  for (const holder of await paperPositions.shortHolders(ctx.sql, symbol)) {
    const shorts = (await paperPositions.listOpen(ctx.sql, holder.account_id)).filter((p) => dec(p.qty).lt(0));
    const marks = await markPrices(
      ctx.quotes,
      shorts.map((p) => p.symbol),
      ctx.maxQuoteAgeS,
      now,
    );
    if (!dec(holder.cash).lt(shortValue(shorts, marks).mul(MAINTENANCE_MARGIN))) continue;
    for (const p of shorts) {
      try {
        covered.push(
          await placeOrder(
            ctx,
            marketOrder({
              userId: p.user_id,
              symbol: p.symbol,
              assetClass: p.asset_class as AssetClass,
              intent: 'cover',
              qty: dec(p.qty).abs(),
              exitReason: 'margin_call',
              reduceOnly: true,
            }),
          ),
        );
      } catch (err) {
        if (!(err instanceof PaperError)) throw err;
      }
    }
  }
  return covered;
}
