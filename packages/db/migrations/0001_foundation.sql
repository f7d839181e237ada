-- Foundation: user profiles, watchlists and worker heartbeats.

create table profiles (
  user_id      text primary key,
  email        text,
  name         text,
  username     text,
  display_name text,
  avatar_url   text,
  mode         text not null default 'demo' check (mode in ('demo', 'live', 'broker')),
  preferences  jsonb not null default '{}'::jsonb,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

create table watchlists (
  id         bigint generated always as identity primary key,
  user_id    text not null,
  name       text not null check (char_length(name) between 1 and 64),
  symbols    text[] not null default '{}',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, name)
);
-- At most one default list per user.
create unique index watchlists_one_default on watchlists (user_id) where is_default;

create table worker_heartbeats (
  id          text primary key,
  queues      text[] not null,
  hostname    text not null,
  pid         integer not null,
  started_at  timestamptz not null,
  last_beat_at timestamptz not null,
  active_jobs integer not null default 0,
  jobs_done   bigint not null default 0,
  jobs_failed bigint not null default 0
);
