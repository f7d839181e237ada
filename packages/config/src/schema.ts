import { type Static, Type as T } from '@sinclair/typebox';

/**
 * Every environment variable TX reads, in one place. Values arrive as strings; `loadConfig` converts and checks
 * them once at boot. Keep README's configuration table and .env.example in step with this schema.
 */
const Bool = T.Union([T.Literal('true'), T.Literal('false'), T.Literal('1'), T.Literal('0')]);
const Seconds = (def: number, min: number) => T.Integer({ default: def, minimum: min });
const UrlLike = (pattern: string) => T.String({ pattern, minLength: 3 });

export const EnvSchema = T.Object({
  NODE_ENV: T.Union([T.Literal('development'), T.Literal('test'), T.Literal('production')], {
    default: 'development',
  }),
  PORT: T.Integer({ default: 8080, minimum: 0, maximum: 65535 }),
  HOST: T.String({ default: '0.0.0.0' }),
  DATABASE_URL: UrlLike('^postgres(ql)?://'),
  DATABASE_POOL_MAX: T.Integer({ default: 10, minimum: 1, maximum: 200 }),
  DATABASE_PREPARE: Bool,
  DATABASE_STATEMENT_TIMEOUT_MS: T.Integer({ default: 15_000, minimum: 0 }),
  DATABASE_SCHEMA: T.String({ default: '', pattern: '^([a-z_][a-z0-9_]{0,62})?$' }),
  REDIS_URL: UrlLike('^rediss?://'),
  REDIS_KEY_PREFIX: T.String({ default: 'tx', pattern: '^[A-Za-z0-9_-]{1,32}$' }),
  SECRET_KEY: T.String({ minLength: 16 }),
  CORS_ORIGINS: T.String({ default: 'http://localhost:3000,http://localhost:5173' }),
  LOG_LEVEL: T.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => T.Literal(l)),
    { default: 'info' },
  ),
  STRUCTURED_LOGS: T.Optional(Bool),
  SENTRY_DSN: T.String({ default: '' }),
  SENTRY_ENVIRONMENT: T.String({ default: '' }),
  ENABLE_BACKGROUND_WORKERS: Bool,
  BACKEND_SCAN_INTERVAL: Seconds(300, 60),
  ML_RETRAIN_INTERVAL_SECONDS: Seconds(180, 30),
  RATELIMIT_STORAGE_URI: T.String({ default: 'memory://', pattern: '^(memory://|rediss?://)' }),
  RATE_LIMIT_ALLOWLIST: T.String({ default: '' }),
  TRUST_PROXY: T.String({ default: '' }),
  POLYGON_API_KEY: T.String({ default: '' }),
  ALPHA_VANTAGE_KEY: T.String({ default: '' }),
  FINNHUB_API_KEY: T.String({ default: '' }),
  COINGECKO_API_KEY: T.String({ default: '' }),
  /** Ordered, comma-separated enabled providers; empty = the domain §12.4 orders (synthetic when no key is set). */
  MARKET_DATA_PROVIDERS: T.String({
    default: '',
    pattern: '^((synthetic|csv|polygon|yahoo|finnhub|alpha_vantage|coingecko)(,\\s*)?)*$',
  }),
  /** Directory of `<SYMBOL>.csv` bar files for the csv provider. */
  MARKET_DATA_CSV_DIR: T.String({ default: '' }),
  SYNTHETIC_SEED: T.Integer({ default: 42, minimum: 0, maximum: 2 ** 31 - 1 }),
  SUPABASE_URL: T.String({ default: '' }),
  SUPABASE_SERVICE_ROLE_KEY: T.String({ default: '' }),
  WORKER_QUEUES: T.String({ default: 'scan,label,retrain,backtest,trade' }),
  WORKER_CONCURRENCY_SCAN: T.Integer({ default: 4, minimum: 1, maximum: 64 }),
  WORKER_CONCURRENCY_LABEL: T.Integer({ default: 2, minimum: 1, maximum: 64 }),
  WORKER_CONCURRENCY_RETRAIN: T.Integer({ default: 1, minimum: 1, maximum: 8 }),
  WORKER_CONCURRENCY_BACKTEST: T.Integer({ default: 2, minimum: 1, maximum: 32 }),
  WORKER_CONCURRENCY_TRADE: T.Integer({ default: 4, minimum: 1, maximum: 64 }),
  ADMIN_USERNAME: T.String({ default: 'admin' }),
  ADMIN_PASSWORD: T.String({ default: '' }),
  DEFAULT_WATCHLIST: T.String({ default: 'AAPL,MSFT,GOOGL,AMZN,TSLA,NVDA,META,NFLX,BTC-USD,ETH-USD' }),
  // Identity (api.md §1.3). AUTH_MODE and ADMIN_USER_IDS have defaults that depend on NODE_ENV / AUTH_MODE (auth.ts).
  AUTH_MODE: T.Optional(T.Union([T.Literal('demo'), T.Literal('jwt')])),
  JWT_SECRET: T.String({ default: '' }),
  JWT_JWKS_URL: T.String({ default: '' }),
  JWT_ALGORITHM: T.Union([T.Literal('HS256'), T.Literal('RS256'), T.Literal('ES256')], { default: 'HS256' }),
  JWT_ISSUER: T.String({ default: '' }),
  JWT_AUDIENCE: T.String({ default: 'authenticated', minLength: 1 }),
  ADMIN_USER_IDS: T.Optional(T.String()),
  SHUTDOWN_TIMEOUT_MS: T.Integer({ default: 20_000, minimum: 1000, maximum: 60_000 }),
  PAPER_INITIAL_CASH: T.Number({ default: 100_000, minimum: 1000, maximum: 10_000_000 }),
  PAPER_MAX_QUOTE_AGE_S: Seconds(900, 1),
  // Trades from alerts need a token from a passed pre-trade check (api.md §3.6 execute-from-alert).
  REQUIRE_RISK_CONFIRMATION: T.Optional(Bool),
  SHUTDOWN_DRAIN_MS: T.Integer({ default: 2000, minimum: 0, maximum: 30_000 }),
  // WebSocket protocol ping period (api.md §4.6: 30 s); a socket silent for a whole period is terminated.
  WS_HEARTBEAT_MS: T.Integer({ default: 30_000, minimum: 100, maximum: 300_000 }),
});

export type Env = Static<typeof EnvSchema>;
