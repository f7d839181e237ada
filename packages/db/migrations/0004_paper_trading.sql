-- Paper trading (domain §9): accounts, orders, fills, positions (one row per round trip), trade outcomes,
-- risk settings, and the Idempotency-Key store used by every money-moving POST (api.md §1.9).
-- Money and quantities are numeric (exact); the database refuses a negative cash balance.

create table paper_accounts (
  id            bigint generated always as identity primary key,
  user_id       text not null,
  status        text not null default 'active' check (status in ('active', 'archived')),
  currency      text not null default 'USD',
  initial_cash  numeric not null check (initial_cash > 0),
  cash          numeric not null check (cash >= 0),
  realized_pnl  numeric not null default 0,
  fees_paid     numeric not null default 0,
  -- Equity first observed on `day` (UTC); the daily-loss rule compares against it (domain §9.5 rule 4).
  day           date,
  day_start_equity numeric,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  archived_at   timestamptz
);
-- One active account per user; a reset archives it and opens the next period.
create unique index paper_accounts_active on paper_accounts (user_id) where status = 'active';

-- A position row lives for one round trip (q leaves 0 … q returns to 0, domain §9.7).
create table paper_positions (
  id             bigint generated always as identity primary key,
  account_id     bigint not null references paper_accounts (id),
  user_id        text not null,
  symbol         text not null,
  asset_class    text not null,
  side           text not null check (side in ('long', 'short')),
  qty            numeric not null,                        -- signed: > 0 long, < 0 short, 0 once closed
  cost_basis     numeric not null check (cost_basis >= 0), -- B: entry notionals still open
  realized_pnl   numeric not null default 0,
  fees           numeric not null default 0,
  entry_notional numeric not null default 0,              -- Σ entry notionals of the round trip
  entry_qty      numeric not null default 0,
  exit_notional  numeric not null default 0,
  exit_qty       numeric not null default 0,
  max_qty        numeric not null default 0,
  first_qty      numeric not null,
  first_price    numeric not null,
  initial_stop   numeric,
  stop_loss      numeric,
  take_profit    numeric,
  stop_widened   boolean not null default false,
  source         text not null default 'manual',
  alert_id       bigint,
  detection_id   bigint,
  pattern        text,
  timeframe      text,
  status         text not null default 'open' check (status in ('open', 'closed')),
  opened_at      timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  closed_at      timestamptz,
  check ((status = 'open') = (qty <> 0))
);
create unique index paper_positions_open on paper_positions (account_id, symbol) where status = 'open';
create index paper_positions_user on paper_positions (user_id, status, id desc);

create table paper_orders (
  id               bigint generated always as identity primary key,
  account_id       bigint not null references paper_accounts (id),
  user_id          text not null,
  client_order_id  text,
  symbol           text not null,
  asset_class      text not null,
  side             text not null check (side in ('buy', 'sell')),
  intent           text not null check (intent in ('buy', 'sell', 'short', 'cover')),
  type             text not null check (type in ('market', 'limit', 'stop')),
  role             text not null default 'entry' check (role in ('entry', 'stop_loss', 'take_profit')),
  parent_id        bigint references paper_orders (id),
  position_id      bigint references paper_positions (id),
  status           text not null check (status in ('open', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired')),
  qty              numeric not null check (qty > 0),
  filled_qty       numeric not null default 0,
  limit_price      numeric check (limit_price > 0),
  stop_price       numeric check (stop_price > 0),
  avg_fill_price   numeric,
  time_in_force    text not null default 'gtc' check (time_in_force in ('gtc', 'day')),
  bracket_stop_loss   numeric,
  bracket_take_profit numeric,
  source           text not null default 'manual' check (source in ('manual', 'alert', 'strategy')),
  alert_id         bigint,
  detection_id     bigint,
  pattern          text,
  confidence       numeric,
  reject_reason    text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create unique index paper_orders_client_id on paper_orders (user_id, client_order_id) where client_order_id is not null;
create index paper_orders_user on paper_orders (user_id, id desc);
-- The trade worker scans resting orders by symbol on each price update.
create index paper_orders_resting on paper_orders (symbol) where status = 'open';

create table paper_fills (
  id              bigint generated always as identity primary key,
  order_id        bigint not null references paper_orders (id),
  account_id      bigint not null references paper_accounts (id),
  user_id         text not null,
  position_id     bigint not null references paper_positions (id),
  symbol          text not null,
  side            text not null check (side in ('buy', 'sell')),
  qty             numeric not null check (qty > 0),
  price           numeric not null check (price > 0),
  reference_price numeric not null,
  slippage_bps    numeric not null,
  commission      numeric not null check (commission >= 0),
  realized_pnl    numeric not null default 0,
  closed_qty      numeric not null default 0,   -- part of qty that reduced the position
  closed_cost     numeric not null default 0,   -- cost basis removed by that part
  closing_side    text,                          -- 'buy' (long) or 'sell' (short) of the position reduced
  filled_at       timestamptz not null default now()
);
create index paper_fills_order on paper_fills (order_id);
create index paper_fills_closing on paper_fills (user_id, id desc) where closed_qty > 0;

-- Round-trip outcomes (domain §9.7), read by analytics and training; linked to the alert or detection when known.
create table paper_trade_outcomes (
  id               bigint generated always as identity primary key,
  position_id      bigint not null unique references paper_positions (id),
  account_id       bigint not null references paper_accounts (id),
  user_id          text not null,
  symbol           text not null,
  asset_class      text not null,
  side             text not null check (side in ('long', 'short')),
  opened_at        timestamptz not null,
  closed_at        timestamptz not null,
  max_qty          numeric not null,
  avg_entry        numeric not null,
  avg_exit         numeric not null,
  gross_pnl        numeric not null,
  fees             numeric not null,
  net_pnl          numeric not null,
  return_pct       numeric,
  r_multiple       numeric,
  exit_reason      text not null check (exit_reason in ('stop_loss', 'take_profit', 'manual', 'margin_call', 'reset')),
  had_stop_at_entry boolean not null,
  stop_widened     boolean not null,
  source           text not null,
  alert_id         bigint,
  detection_id     bigint,
  pattern_key      text,
  timeframe        text,
  holding_seconds  numeric not null
);
create index paper_trade_outcomes_user on paper_trade_outcomes (user_id, closed_at desc);

create table risk_settings (
  user_id               text primary key,
  max_position_size     numeric not null default 1000000,
  max_position_pct      numeric not null default 20,
  max_daily_loss        numeric,                -- null: 3 % of the account's initial cash
  stop_loss_percentage  numeric not null default 2.0,
  take_profit_percentage numeric not null default 5.0,
  max_open_positions    integer not null default 10,
  risk_per_trade        numeric not null default 2.0,
  enable_stop_loss      boolean not null default true,
  enable_take_profit    boolean not null default true,
  enable_position_sizing boolean not null default true,
  confidence_threshold  numeric not null default 0.4,
  diversification_limit integer not null default 10,
  allow_short           boolean not null default true,
  enforce               boolean not null default true,
  updated_at            timestamptz not null default now()
);

-- Idempotency-Key store (api.md §1.9): scope = caller + canonical route; `response_status` null while running.
create table idempotency_keys (
  user_id         text not null,
  route           text not null,
  key             text not null,
  request_hash    text not null,
  response_status integer,
  response_body   jsonb,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null default now() + interval '24 hours',
  primary key (user_id, route, key)
);
create index idempotency_keys_expiry on idempotency_keys (expires_at);
