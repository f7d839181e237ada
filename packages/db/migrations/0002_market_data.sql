-- Market data: final bars (immutable once stored) and the time range each series has been fetched for.
-- Prices are double precision: bars feed indicator maths done in IEEE doubles (domain §0) and read straight into
-- Float64Array columns; money (fills, cash) stays numeric in the trading tables.

create table bars (
  symbol    text not null,
  timeframe text not null check (timeframe in ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w')),
  open_time timestamptz not null,
  open      double precision not null,
  high      double precision not null,
  low       double precision not null,
  close     double precision not null,
  volume    double precision not null check (volume >= 0),
  provider  text not null,
  stored_at timestamptz not null default now(),
  primary key (symbol, timeframe, open_time),
  check (low > 0 and low <= least(open, close) and greatest(open, close) <= high)
);

-- One contiguous range [covered_from, covered_to) of open times per series that its provider has been asked for:
-- bars inside it are complete, so reads inside it never call a provider.
create table bar_coverage (
  symbol       text not null,
  timeframe    text not null,
  provider     text not null,
  covered_from timestamptz not null,
  covered_to   timestamptz not null check (covered_to >= covered_from),
  updated_at   timestamptz not null default now(),
  primary key (symbol, timeframe)
);
