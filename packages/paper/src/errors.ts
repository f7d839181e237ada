/** A business rejection with the contract's status and code (api.md §1.4); the API turns it into its error body. */
export class PaperError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.name = 'PaperError';
  }
}

export const priceUnavailable = (symbol: string) =>
  new PaperError(422, 'PRICE_UNAVAILABLE', `No current price for ${symbol}`);
export const insufficientFunds = () =>
  new PaperError(422, 'INSUFFICIENT_FUNDS', 'Order cost or margin exceeds available cash');
export const marketClosed = (symbol: string) =>
  new PaperError(
    422,
    'MARKET_CLOSED',
    `The ${symbol} market is closed: equity market orders fill in regular hours only`,
  );
export const positionNotFound = () => new PaperError(422, 'POSITION_NOT_FOUND', 'No matching open position');
export const invalid = (field: string, issue: string) =>
  new PaperError(400, 'VALIDATION_ERROR', 'Request is invalid', [{ field, issue }]);
