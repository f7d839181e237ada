import { MarketDataError } from '@tx/market-data';
import { AppError } from '../../lib/errors';

const STATUS: Record<MarketDataError['code'], [number, string]> = {
  invalid_symbol: [400, 'INVALID_SYMBOL'],
  invalid_timeframe: [400, 'INVALID_TIMEFRAME'],
  unknown_symbol: [404, 'UNKNOWN_SYMBOL'],
  limit_exceeded: [422, 'LIMIT_EXCEEDED'],
  upstream_unavailable: [503, 'UPSTREAM_UNAVAILABLE'],
};

/** MarketDataError → the api.md §1.4 error; anything else passes through to the one error handler. */
export function asAppError(err: unknown): unknown {
  if (!(err instanceof MarketDataError)) return err;
  const [status, code] = STATUS[err.code];
  return new AppError(status, code, err.message, undefined, status === 503 ? { 'retry-after': '5' } : undefined);
}

export async function mapped<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw asAppError(err);
  }
}
