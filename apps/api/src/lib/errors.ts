/**
 * The one error type routes throw. Its code and message are safe for end users (api.md §1.4); anything else that
 * escapes a route becomes a 500 with a generic message (plugins/errors.ts).
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const unavailable = (message = 'Service temporarily unavailable') =>
  new AppError(503, 'SERVICE_UNAVAILABLE', message, undefined, { 'retry-after': '5' });
export const validation = (details: { field: string; issue: string }[]) =>
  new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', details);
