-- Scan loop: scan configuration and sessions, scan cycles, detections, outcome labels, alerts and feedback.
-- Every effect has a unique domain key so a redelivered job writes nothing twice (ON CONFLICT DO NOTHING).

-- The global scan's persisted configuration (one row, 'global').
create table scan_config (
  id              text primary key check (id = 'global'),
  enabled         boolean not null,
  symbols         text[] not null,
  interval_s      integer not null check (interval_s between 60 and 3600),
  timeframes      text[] not null,
  alert_threshold double precision not null check (alert_threshold between 0.3 and 0.95),
  updated_at      timestamptz not null default now()
);

-- One row per user: the caller's scan defaults and, while active, their repeating scan session.
create table scan_sessions (
  user_id         text primary key,
  symbols         text[] not null,
  interval_s      integer not null check (interval_s between 60 and 3600),
  timeframes      text[] not null,
  auto_alerts     boolean not null default true,
  active          boolean not null default false,
  session_id      text,
  started_at      timestamptz,
  stopped_at      timestamptz,
  updated_at      timestamptz not null default now()
);

-- One scan cycle. `scan_key` is the domain key the job ids derive from (scope, owner, cycle time).
create table scans (
  id              bigint generated always as identity primary key,
  scan_key        text not null unique,
  scope           text not null check (scope in ('global', 'session')),
  user_id         text,
  session_id      text,
  timeframes      text[] not null,
  symbols         text[] not null,
  status          text not null default 'running' check (status in ('running', 'completed', 'partial', 'failed')),
  started_at      timestamptz not null default now(),
  finished_at     timestamptz,
  patterns_found  integer not null default 0,
  errors_count    integer not null default 0,
  alerts_created  integer not null default 0,
  suppressed      jsonb not null default '{}'::jsonb,
  results         jsonb not null default '[]'::jsonb
);
create index scans_finished on scans (scope, user_id, finished_at desc) where finished_at is not null;

-- Per (symbol, timeframe): when its history was backfilled and the last bar detection ran on (catch-up cursor).
create table scan_series (
  symbol              text not null,
  timeframe           text not null,
  backfilled_at       timestamptz,
  last_detected_bar   timestamptz,
  updated_at          timestamptz not null default now(),
  primary key (symbol, timeframe)
);

-- Domain §5.2. Never updated after insert.
create table detections (
  id                bigint generated always as identity primary key,
  symbol            text not null,
  timeframe         text not null,
  asset_class       text not null check (asset_class in ('equity', 'crypto', 'forex')),
  pattern_id        text not null,
  pattern_key       text not null,
  family            text not null check (family in ('candlestick', 'indicator', 'chart')),
  raw               smallint,
  direction         smallint not null check (direction in (-1, 1)),
  strength          double precision not null,
  bar_time          timestamptz not null,
  confirmed_at      timestamptz not null,
  price             double precision not null,
  volume            double precision not null default 0,
  atr               double precision not null,
  context           jsonb not null,
  features          jsonb,
  confidence        double precision not null check (confidence >= 0 and confidence <= 1),
  confidence_source text not null check (confidence_source in ('model', 'prior')),
  model_key         text,
  model_version     integer,
  prior_w           integer,
  prior_n           integer,
  prior_a           double precision,
  prior_b           double precision,
  detector_version  text not null,
  window_start      timestamptz not null,
  provider          text not null,
  backfill          boolean not null,
  source            text not null check (source in ('scan', 'on_demand')),
  created_at        timestamptz not null default now(),
  unique (symbol, timeframe, pattern_id, bar_time)
);
create index detections_symbol_time on detections (symbol, timeframe, bar_time desc);
create index detections_created on detections (created_at desc, id desc);
create index detections_bar_time on detections (bar_time desc, id desc);

-- Domain §6: one row per (detection, label version). Key columns are copied so priors need no join.
create table labels (
  id              bigint generated always as identity primary key,
  detection_id    bigint not null references detections (id) on delete cascade,
  label_version   text not null,
  pattern_key     text not null,
  timeframe       text not null,
  asset_class     text not null,
  outcome         text not null check (outcome in ('win', 'loss', 'timeout', 'invalid')),
  reason          text,
  entry_price     double precision,
  exit_price      double precision,
  exit_bar_time   timestamptz,
  bars_to_outcome integer,
  return          double precision,
  r_multiple      double precision,
  mfe_atr         double precision,
  mae_atr         double precision,
  fwd_return_1    double precision,
  fwd_return_5    double precision,
  fwd_return_n    double precision,
  available_at    timestamptz not null,
  created_at      timestamptz not null default now(),
  unique (detection_id, label_version)
);
create index labels_pool on labels (label_version, timeframe, asset_class, available_at);

-- Domain §8: market events shared by all users, one per detection key.
create table alerts (
  id                 bigint generated always as identity primary key,
  detection_id       bigint not null unique references detections (id) on delete cascade,
  scan_id            bigint references scans (id) on delete set null,
  symbol             text not null,
  timeframe          text not null,
  pattern_id         text not null,
  pattern_key        text not null,
  pattern_name       text not null,
  direction          smallint not null check (direction in (-1, 1)),
  confidence         double precision not null,
  confidence_source  text not null,
  model_key          text,
  model_version      integer,
  expected_r         double precision not null,
  price              double precision not null,
  bar_time           timestamptz not null,
  explanation        text not null,
  suggested_action   text not null check (suggested_action in ('BUY', 'SELL', 'WATCH')),
  entry              double precision not null,
  stop_loss          double precision not null,
  take_profit        double precision not null,
  rr                 double precision not null,
  confidence_factors jsonb not null default '{}'::jsonb,
  period             text not null,
  source             text not null check (source in ('scan', 'session')),
  expires_at         timestamptz not null,
  outcome            text check (outcome in ('win', 'loss', 'timeout', 'invalid')),
  played_out         boolean,
  created_at         timestamptz not null default now(),
  unique (symbol, timeframe, pattern_id, bar_time)
);
create index alerts_created on alerts (created_at desc, id desc);
create index alerts_cooldown on alerts (symbol, pattern_id, created_at desc);
create index alerts_expires on alerts (expires_at desc, id desc);

-- Per-user lifecycle beside the shared alert: dismissed | snoozed | acted (final except snoozed).
create table alert_user_status (
  alert_id      bigint not null references alerts (id) on delete cascade,
  user_id       text not null,
  status        text not null check (status in ('dismissed', 'snoozed', 'acted')),
  user_action   text,
  snoozed_until timestamptz,
  order_id      text,
  updated_at    timestamptz not null default now(),
  primary key (alert_id, user_id)
);
create index alert_user_status_user on alert_user_status (user_id, alert_id);

-- A user's feedback on a detection (POST /api/log_outcome); shown beside the automatic labels.
create table detection_feedback (
  id             bigint generated always as identity primary key,
  user_id        text not null,
  detection_id   bigint not null references detections (id) on delete cascade,
  outcome        text not null check (outcome in ('win', 'loss', 'breakeven')),
  pnl            double precision,
  confidence     double precision,
  trade_duration double precision,
  symbol         text,
  pattern        text,
  notes          text,
  recorded_at    timestamptz not null default now()
);
create index detection_feedback_detection on detection_feedback (detection_id);
