import { Value } from '@sinclair/typebox/value';
import { type AuthSettings, resolveAuth } from './auth';
import { EnvSchema } from './schema';

export type Config = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_BOOLS = { DATABASE_PREPARE: 'true', ENABLE_BACKGROUND_WORKERS: 'true' } as const;
const truthy = (v: string | undefined) => v === 'true' || v === '1';
const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Reads the environment once, converts strings to the schema's types and fails with one line per problem, each
 * naming the variable. Nothing below this package reads process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = { ...DEFAULT_BOOLS };
  for (const key of known) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const value = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  const problems = [...Value.Errors(EnvSchema, value)].map((e) => {
    const name = e.path.replace(/^\//, '') || '(root)';
    const missing = env[name] === undefined || env[name] === '';
    return missing ? `${name}: is required` : `${name}: ${e.message} (got ${JSON.stringify(env[name])})`;
  });
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const decoded = Value.Decode(EnvSchema, value);
  const auth = resolveAuth(decoded);
  if (auth.problems.length > 0) throw new ConfigError(auth.problems);
  return buildConfig(decoded, auth.settings);
}

function buildConfig(env: ReturnType<typeof Value.Decode<typeof EnvSchema>>, auth: AuthSettings) {
  const production = env.NODE_ENV === 'production';
  return Object.freeze({
    ...env,
    ...auth,
    production,
    structuredLogs: env.STRUCTURED_LOGS === undefined ? !process.stdout.isTTY : truthy(env.STRUCTURED_LOGS),
    databasePrepare: truthy(env.DATABASE_PREPARE),
    backgroundWorkers: truthy(env.ENABLE_BACKGROUND_WORKERS),
    requireRiskConfirmation: truthy(env.REQUIRE_RISK_CONFIRMATION),
    corsOrigins: list(env.CORS_ORIGINS),
    rateLimitAllowlist: list(env.RATE_LIMIT_ALLOWLIST),
    trustProxy: list(env.TRUST_PROXY),
    workerQueues: list(env.WORKER_QUEUES),
    defaultWatchlist: list(env.DEFAULT_WATCHLIST),
    marketDataProviders: list(env.MARKET_DATA_PROVIDERS),
  });
}
