import { type Dec, dec } from '@tx/paper';
import type { Redis } from 'ioredis';
import { AppError } from '../../lib/errors';
import { signedJson } from '../../lib/signed-json';

/** A risk-confirmation token lives 300 s and confirms one trade (api.md §3.7). */
export const TOKEN_TTL_S = 300;
/** The confirmed entry and the trade's entry may differ by this share at most (api.md §3.6). */
const PRICE_TOLERANCE = 0.005;

interface Claims {
  u: string;
  s: string;
  side: 'buy' | 'sell';
  entry: string;
  exp: number;
}

/** HMAC-signed with SECRET_KEY, bound to the user, symbol, side and entry of the pre-trade check that passed. */
export function issueToken(secret: string, claims: Claims): string {
  return signedJson(secret).sign(claims);
}

function refused(reason: string) {
  return new AppError(422, 'RISK_CHECK_FAILED', `Risk confirmation required: ${reason}`, [
    { rule: 'risk_confirmation', passed: false, limit: null, value: null, message: reason },
  ]);
}

export interface Confirmation {
  secret: string;
  redis: Redis;
  keyPrefix: string;
}

/**
 * Accepts a token from the pre-trade check for this trade: genuine, unexpired, issued to the same user for the same
 * symbol and side, its entry within 0.5 % of the trade's, and never used before (spent here, in Redis, until it
 * would have expired). Anything else is 422 RISK_CHECK_FAILED (rule `risk_confirmation`).
 */
export async function spendToken(
  c: Confirmation,
  token: string | null | undefined,
  trade: { userId: string; symbol: string; side: 'buy' | 'sell'; entry: Dec; now: Date },
): Promise<void> {
  if (!token) throw refused('send the risk_confirmation_token of a passed pre-trade check');
  const claims = signedJson(c.secret).verify(token) as Claims | null;
  if (!claims) throw refused('the token is not one this server issued');
  if (claims.exp <= trade.now.getTime()) throw refused('the token has expired');
  if (claims.u !== trade.userId || claims.s !== trade.symbol || claims.side !== trade.side) {
    throw refused('the token confirms another trade');
  }
  if (dec(claims.entry).minus(trade.entry).abs().gt(trade.entry.mul(PRICE_TOLERANCE))) {
    throw refused('the price moved more than 0.5 % since the check');
  }
  const ttlMs = claims.exp - trade.now.getTime();
  const fresh = await c.redis.set(`${c.keyPrefix}:risk-token:${token.split('.')[1]}`, '1', 'PX', ttlMs, 'NX');
  if (fresh === null) throw refused('the token was already used');
}
