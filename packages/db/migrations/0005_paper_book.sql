-- One round trip for every write of a paper fill (issue 8: 200 orders/s). The engine (packages/paper/src/book.ts)
-- still computes every value in TypeScript with exact decimals; paper_book writes the rows it computed, inside the
-- caller's transaction and under its account row lock, and returns the ids, the time and the account's new totals
-- (the caller already holds every other value it wrote). The balance stays the database's to judge:
-- the cash update is conditional (and the table keeps CHECK (cash >= 0)), and a shortfall raises TX001, which
-- rolls back every row the fill wrote.

-- A fill that closes a round trip, or re-brackets it, cancels the position's open exit orders: found by index,
-- not by scanning every order ever placed.
create index paper_orders_open_by_position on paper_orders (position_id) where status = 'open';

-- plan = {
--   account_id, cash, realized, fees,      deltas applied to the account (numeric strings)
--   order: {id} of a resting order, or the columns of a market order to insert, already filled
--   filled_qty, avg_fill_price,            the order's fill
--   legs: [{position_id?, position, fill, outcome?}]
--                                          per leg: the position's new state (update when position_id is given,
--                                          else insert), its fill, and the round trip's outcome when it closed
--   exits: null | {cancel, orders: [...]}  bracket legs for the last leg's position (after cancelling its old ones)
-- }
create function paper_book(plan jsonb) returns jsonb
language plpgsql as $$
declare
  a paper_accounts;
  order_ref bigint;
  position_ref bigint;
  fill_ref bigint;
  leg jsonb;
  exit_order jsonb;
  position_ids bigint[] := '{}';
  fill_ids bigint[] := '{}';
  i integer;
begin
  update paper_accounts
     set cash = cash + (plan->>'cash')::numeric,
         realized_pnl = realized_pnl + (plan->>'realized')::numeric,
         fees_paid = fees_paid + (plan->>'fees')::numeric,
         updated_at = now()
   where id = (plan->>'account_id')::bigint and cash + (plan->>'cash')::numeric >= 0
  returning * into a;
  if not found then
    raise exception 'insufficient funds' using errcode = 'TX001';
  end if;

  for leg in select value from jsonb_array_elements(plan->'legs') loop
    if leg ? 'position_id' then
      update paper_positions t
         set (qty, cost_basis, realized_pnl, fees, entry_notional, entry_qty, exit_notional, exit_qty, max_qty,
              stop_loss, take_profit, stop_widened) =
             (r.qty, r.cost_basis, r.realized_pnl, r.fees, r.entry_notional, r.entry_qty, r.exit_notional,
              r.exit_qty, r.max_qty, r.stop_loss, r.take_profit, r.stop_widened),
             status = case when r.qty = 0 then 'closed' else 'open' end,
             closed_at = case when r.qty = 0 then now() end,
             updated_at = now()
        from jsonb_populate_record(null::paper_positions, leg->'position') r
       where t.id = (leg->>'position_id')::bigint
      returning t.id into position_ref;
    else
      insert into paper_positions (account_id, user_id, symbol, asset_class, side, qty, cost_basis, fees,
                                   entry_notional, entry_qty, max_qty, first_qty, first_price, initial_stop,
                                   stop_loss, take_profit, stop_widened, source, alert_id, detection_id, pattern,
                                   timeframe)
      select account_id, user_id, symbol, asset_class, side, qty, cost_basis, fees, entry_notional, entry_qty,
             max_qty, first_qty, first_price, initial_stop, stop_loss, take_profit, stop_widened, source, alert_id,
             detection_id, pattern, timeframe
        from jsonb_populate_record(null::paper_positions, leg->'position')
      returning id into position_ref;
    end if;
    position_ids := position_ids || position_ref;
  end loop;

  if plan->'order' ? 'id' then
    update paper_orders
       set status = 'filled', filled_qty = (plan->>'filled_qty')::numeric,
           avg_fill_price = (plan->>'avg_fill_price')::numeric,
           position_id = coalesce(paper_orders.position_id, position_ref), updated_at = now()
     where id = (plan->'order'->>'id')::bigint
    returning id into order_ref;
  else
    insert into paper_orders (account_id, user_id, client_order_id, symbol, asset_class, side, intent, type, role,
                              parent_id, position_id, status, qty, filled_qty, limit_price, stop_price,
                              avg_fill_price, time_in_force, bracket_stop_loss, bracket_take_profit, source,
                              alert_id, detection_id, pattern, confidence)
    select account_id, user_id, client_order_id, symbol, asset_class, side, intent, type, role, parent_id,
           position_ref, 'filled', qty, (plan->>'filled_qty')::numeric, limit_price, stop_price, (plan->>'avg_fill_price')::numeric,
           time_in_force, bracket_stop_loss, bracket_take_profit, source, alert_id, detection_id, pattern,
           confidence
      from jsonb_populate_record(null::paper_orders, plan->'order')
    returning id into order_ref;
  end if;

  for i in 0 .. jsonb_array_length(plan->'legs') - 1 loop
    leg := plan->'legs'->i;
    insert into paper_fills (order_id, account_id, user_id, position_id, symbol, side, qty, price, reference_price,
                             slippage_bps, commission, realized_pnl, closed_qty, closed_cost, closing_side)
    select order_ref, account_id, user_id, position_ids[i + 1], symbol, side, qty, price, reference_price, slippage_bps,
           commission, realized_pnl, closed_qty, closed_cost, closing_side
      from jsonb_populate_record(null::paper_fills, leg->'fill')
    returning id into fill_ref;
    fill_ids := fill_ids || fill_ref;
    if leg ? 'outcome' then
      insert into paper_trade_outcomes (position_id, account_id, user_id, symbol, asset_class, side, opened_at,
                                        closed_at, max_qty, avg_entry, avg_exit, gross_pnl, fees, net_pnl,
                                        return_pct, r_multiple, exit_reason, had_stop_at_entry, stop_widened, source,
                                        alert_id, detection_id, pattern_key, timeframe, holding_seconds)
      select position_ids[i + 1], account_id, user_id, symbol, asset_class, side, opened_at, closed_at, max_qty,
             avg_entry, avg_exit, gross_pnl, fees, net_pnl, return_pct, r_multiple, exit_reason, had_stop_at_entry,
             stop_widened, source, alert_id, detection_id, pattern_key, timeframe, holding_seconds
        from jsonb_populate_record(null::paper_trade_outcomes, leg->'outcome')
      on conflict (position_id) do nothing;
      update paper_orders set status = 'cancelled', updated_at = now()
       where status = 'open' and paper_orders.position_id = position_ids[i + 1];
    end if;
  end loop;

  if jsonb_typeof(plan->'exits') = 'object' then
    if (plan->'exits'->>'cancel')::boolean then
      update paper_orders set status = 'cancelled', updated_at = now()
       where status = 'open' and paper_orders.position_id = position_ref;
    end if;
    for exit_order in select value from jsonb_array_elements(plan->'exits'->'orders') loop
      insert into paper_orders (account_id, user_id, symbol, asset_class, side, intent, type, role, parent_id,
                                position_id, status, qty, limit_price, stop_price, time_in_force, source, alert_id,
                                detection_id, pattern, confidence)
      select account_id, user_id, symbol, asset_class, side, intent, type, role, order_ref, position_ref, 'open',
             qty, limit_price, stop_price, time_in_force, source, alert_id, detection_id, pattern, confidence
        from jsonb_populate_record(null::paper_orders, exit_order);
    end loop;
  end if;

  -- Numbers as strings: JSON numbers are doubles, the account's totals are exact.
  return jsonb_build_object('order_id', order_ref, 'position_ids', position_ids, 'fill_ids', fill_ids, 'at', now(),
                            'cash', a.cash::text, 'realized_pnl', a.realized_pnl::text,
                            'fees_paid', a.fees_paid::text);
end
$$;
