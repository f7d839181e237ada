import type { ChannelKind } from '@tx/contracts';

/**
 * Channel names. Clients see the names of api.md §4.3; per-user streams live under `user:<id>:` inside Redis so that
 * `portfolio` and `jobs:<id>` resolve to the caller's own stream and can never reach another user.
 */
export const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
export const JOB_ID = /^[A-Za-z0-9._-]{1,128}$/;
const SYMBOL = /^[A-Z0-9][A-Z0-9.^=-]{0,19}$/;
const PUBLIC_FIXED = new Set(['alerts', 'scans', 'system']);

export const channels = {
  alerts: 'alerts',
  scans: 'scans',
  system: 'system',
  patterns: (symbol: string) => `patterns:${symbol}`,
  prices: (symbol: string) => `prices:${symbol}`,
  portfolio: (userId: string) => `user:${userId}:portfolio`,
  job: (userId: string, jobId: string) => `user:${userId}:jobs:${jobId}`,
} as const;

export interface ParsedChannel {
  kind: ChannelKind;
  /** The name clients subscribe with and see in messages. */
  external: string;
  /** Owner of a per-user stream; null for public channels. */
  userId: string | null;
  jobId?: string;
  symbol?: string;
}

/** Parses an internal (Redis-side) channel name; null when malformed. */
export function parseChannel(name: string): ParsedChannel | null {
  if (PUBLIC_FIXED.has(name)) return { kind: name as ChannelKind, external: name, userId: null };
  const sym = /^(patterns|prices):(.+)$/.exec(name);
  if (sym) {
    if (!SYMBOL.test(sym[2])) return null;
    return { kind: sym[1] as ChannelKind, external: name, userId: null, symbol: sym[2] };
  }
  // The user id may contain ':' so the fixed suffix is matched from the right.
  const portfolio = /^user:(.+):portfolio$/.exec(name);
  if (portfolio && USER_ID.test(portfolio[1]))
    return { kind: 'portfolio', external: 'portfolio', userId: portfolio[1] };
  const job = /^user:(.+):jobs:([^:]+)$/.exec(name);
  if (job && USER_ID.test(job[1]) && JOB_ID.test(job[2])) {
    return { kind: 'jobs', external: `jobs:${job[2]}`, userId: job[1], jobId: job[2] };
  }
  return null;
}

/** Replay retention per channel (api.md §4.5): prices keep 100 messages / 60 s, everything else 1,000 / 15 min. */
export function bufferPolicy(kind: ChannelKind): { maxLen: number; maxAgeMs: number } {
  return kind === 'prices' ? { maxLen: 100, maxAgeMs: 60_000 } : { maxLen: 1000, maxAgeMs: 15 * 60_000 };
}

/** The REST path holding a channel's current state, named in `resync` (api.md §4.4). */
export function refetchPath(parsed: ParsedChannel): string {
  switch (parsed.kind) {
    case 'alerts':
      return '/api/get_active_alerts';
    case 'scans':
      return '/api/scan';
    case 'patterns':
      return `/api/detect/${parsed.symbol}`;
    case 'prices':
      return `/api/market/${parsed.symbol}`;
    case 'portfolio':
      return '/api/account';
    case 'jobs':
      return `/api/jobs/${parsed.jobId}`;
    case 'system':
      return '/health/detailed';
  }
}

/** Redis names under the instance prefix (pub/sub ignores the DB index, so the prefix is the isolation). */
export const redisKeys = (prefix: string) => ({
  pubsub: (channel: string) => `${prefix}:ws:${channel}`,
  pattern: `${prefix}:ws:*`,
  seq: (channel: string) => `${prefix}:wsseq:${channel}`,
  buffer: (channel: string) => `${prefix}:wsbuf:${channel}`,
  jobOwner: (jobId: string) => `${prefix}:wsjob:${jobId}`,
  ticket: (hash: string) => `${prefix}:wsticket:${hash}`,
});

export type ChannelRejection = 'INVALID_CHANNEL' | 'FORBIDDEN_CHANNEL';
export type ResolvedChannel =
  | { ok: true; internal: string; external: string; parsed: ParsedChannel }
  | { ok: false; code: ChannelRejection };

/** Upper-cases and checks a symbol inside a channel name; the API passes market-data's alias mapping instead. */
export function plainSymbol(input: string): string | null {
  const s = input.toUpperCase();
  return SYMBOL.test(s) ? s : null;
}

/**
 * Maps a channel name a client asked for to the stream it may read: `portfolio` and `jobs:<id>` resolve to the
 * caller's own streams, symbols to their canonical form. Job ownership is checked separately (it needs Redis).
 */
export function resolveClientChannel(
  name: unknown,
  userId: string,
  canonicalSymbol: (s: string) => string | null = plainSymbol,
): ResolvedChannel {
  if (typeof name !== 'string' || name.length > 160) return { ok: false, code: 'INVALID_CHANNEL' };
  let internal: string | null = null;
  if (PUBLIC_FIXED.has(name)) internal = name;
  else if (name === 'portfolio') internal = channels.portfolio(userId);
  else if (name.startsWith('jobs:')) internal = channels.job(userId, name.slice(5));
  else {
    const m = /^(patterns|prices):(.+)$/.exec(name);
    const symbol = m ? canonicalSymbol(m[2]) : null;
    if (m && symbol) internal = `${m[1]}:${symbol}`;
  }
  const parsed = internal ? parseChannel(internal) : null;
  if (!internal || !parsed) return { ok: false, code: 'INVALID_CHANNEL' };
  return { ok: true, internal, external: parsed.external, parsed };
}
