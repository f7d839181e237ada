import * as Sentry from '@sentry/node';

/** Sentry is initialised first in each entry file, and only when a DSN is configured. */
export function initSentry(opts: { dsn: string; environment: string; release: string }): boolean {
  if (!opts.dsn) return false;
  Sentry.init({ dsn: opts.dsn, environment: opts.environment, release: opts.release });
  return true;
}

export function captureException(err: unknown, context?: Record<string, unknown>): void {
  if (Sentry.getClient()) Sentry.captureException(err, context ? { extra: context } : undefined);
}

export async function flushSentry(timeoutMs: number): Promise<void> {
  if (Sentry.getClient()) await Sentry.flush(timeoutMs);
}
