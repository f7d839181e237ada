/**
 * Failures the MarketData service reports to its callers; routes map `code` to the api.md §1.4 error codes
 * (INVALID_SYMBOL 400, INVALID_TIMEFRAME 400, UNKNOWN_SYMBOL 404, LIMIT_EXCEEDED 422, UPSTREAM_UNAVAILABLE 503).
 */
export type MarketDataErrorCode =
  | 'invalid_symbol'
  | 'invalid_timeframe'
  | 'unknown_symbol'
  | 'limit_exceeded'
  | 'upstream_unavailable';

export class MarketDataError extends Error {
  constructor(
    readonly code: MarketDataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MarketDataError';
  }
}
