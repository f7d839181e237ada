import { TRADE_POLL_MS, TradeEvaluateJob, tradeEvaluateJobId } from '@tx/contracts';
import { paperOrders, paperPositions } from '@tx/db';
import { currentPrice, fillResting, marginCalls, type PaperContext, PaperError, portfolioUpdate } from '@tx/paper';
import { enqueue } from '@tx/queue';
import { channels } from '@tx/realtime';
import type { WorkerDeps } from '../deps';
import { defineHandler } from '../registry';

// Stops before targets: when one quote touches both legs the stop fills first (domain §9.2).
const ROLE_ORDER = { stop_loss: 0, take_profit: 1, entry: 2 } as const;

function paperContext(deps: WorkerDeps): PaperContext {
  return {
    sql: deps.sql,
    quotes: deps.marketData,
    initialCash: String(deps.config.PAPER_INITIAL_CASH),
    maxQuoteAgeS: deps.config.PAPER_MAX_QUOTE_AGE_S,
  };
}

/**
 * Fills the symbol's resting orders that its latest quote crosses, then runs the margin call of the accounts short
 * it (domain §9.4), publishes `portfolio_update` to each owner, and polls again in TRADE_POLL_MS while orders or
 * shorts stay open. Each fill runs under its order's (or account's) row lock and skips orders that are no longer
 * open, so a redelivered job fills nothing twice.
 */
export const tradeEvaluate = defineHandler(TradeEvaluateJob, async ({ symbol }, { deps }) => {
  const ctx = paperContext(deps);
  let filled = 0;
  const tell = (userId: string, reason: 'fill' | 'bracket', result: Parameters<typeof portfolioUpdate>[1]) =>
    deps.publisher
      .publish(channels.portfolio(userId), 'portfolio_update', portfolioUpdate(reason, result))
      .catch((err: Error) => deps.logger.warn({ err: err.message, userId }, 'portfolio_update not published'));
  try {
    const { price } = await currentPrice(ctx.quotes, symbol, ctx.maxQuoteAgeS, new Date());
    const resting = await paperOrders.restingFor(deps.sql, symbol);
    resting.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.id - b.id);
    for (const order of resting) {
      const result = await fillResting(ctx, order.id, price);
      if (!result) continue;
      filled += 1;
      await tell(order.user_id, order.role === 'entry' ? 'fill' : 'bracket', result);
    }
    for (const result of await marginCalls(ctx, symbol)) {
      filled += 1;
      await tell(result.account.user_id, 'fill', result);
    }
  } catch (err) {
    if (!(err instanceof PaperError)) throw err;
    deps.logger.info({ symbol, code: err.code }, 'no usable quote: resting orders wait for the next poll');
  }
  const watched = (await paperOrders.hasResting(deps.sql, symbol)) || (await paperPositions.anyShort(deps.sql, symbol));
  if (watched) {
    const next = Date.now() + TRADE_POLL_MS;
    await enqueue(
      deps.queues,
      TradeEvaluateJob,
      { v: 1, symbol },
      { jobId: tradeEvaluateJobId(symbol, next), delayMs: TRADE_POLL_MS },
    );
  }
  return { filled };
});
