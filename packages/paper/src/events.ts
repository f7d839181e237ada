import { dec, num } from './money';
import type { OrderResult } from './orders';
import { accountView, fillView, orderView, positionView } from './views';

type Reason = 'fill' | 'order' | 'bracket' | 'reset';
type Settled = Pick<OrderResult, 'account' | 'positions' | 'marks' | 'fills' | 'position'> & {
  order: OrderResult['order'] | null;
};

/** The `portfolio_update` payload (api.md §4.4) after an order change or fill, marked with the prices it used. */
export function portfolioUpdate(reason: Reason, r: Settled, now = new Date()) {
  const a = accountView(r.account, { positions: r.positions, marks: r.marks }, now);
  const dayStart = r.account.day_start_equity ? dec(r.account.day_start_equity) : null;
  const fill = r.fills.at(-1);
  return {
    reason,
    account: {
      cash: a.view.cash,
      equity: a.view.equity,
      buying_power: a.view.buying_power,
      realized_pnl: a.view.realized_pnl,
      unrealized_pnl: a.view.unrealized_pnl,
    },
    total_value: a.view.equity,
    today_pnl_pct: dayStart && !dayStart.isZero() ? num(a.equity.minus(dayStart).div(dayStart).mul(100), 4) : null,
    positions_count: r.positions.length,
    position: r.position ? positionView(r.position, r.marks.get(r.position.symbol) ?? null) : null,
    order: r.order ? orderView(r.order) : null,
    fill: fill ? fillView(fill) : null,
    timestamp: now.toISOString(),
  };
}
