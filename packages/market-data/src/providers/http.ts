import { ProviderError, type ProviderId } from '../types';

export const TIMEOUT_MS = 10_000;

/** Retry-After as seconds or an HTTP date → ms. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** Maps an HTTP status to the resilience vocabulary of domain §12.4. */
export function statusError(
  provider: ProviderId,
  status: number,
  retryAfter: string | null,
  what: string,
): ProviderError {
  if (status === 401 || status === 403)
    return new ProviderError(provider, 'misconfigured', `${what}: HTTP ${status}`, status);
  if (status === 404) return new ProviderError(provider, 'not_found', `${what}: not found`, status);
  if (status === 429)
    return new ProviderError(provider, 'rate_limited', `${what}: rate limited`, status, retryAfterMs(retryAfter));
  if (status === 408 || status >= 500)
    return new ProviderError(provider, 'upstream', `${what}: HTTP ${status}`, status, retryAfterMs(retryAfter));
  return new ProviderError(provider, 'bad_response', `${what}: HTTP ${status}`, status);
}

export function transportError(provider: ProviderId, err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ProviderError(provider, 'timeout', 'request timed out');
  return new ProviderError(provider, 'network', err instanceof Error ? err.message : 'network error');
}

/**
 * GET a JSON document with the 10 s deadline. Non-2xx statuses become ProviderErrors; the body of an error is
 * never surfaced (it may echo keys or upstream text).
 */
export async function getJson<T>(
  provider: ProviderId,
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw transportError(provider, err);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw statusError(provider, res.status, res.headers.get('retry-after'), new URL(url).pathname);
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new ProviderError(provider, 'bad_response', 'response is not JSON', res.status);
  }
}

const num = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : Number.NaN);

export { num };
