import { validation } from '../../lib/errors';

/** Time inputs of api.md §1.6: ISO-8601 with any offset, `YYYY-MM-DD` (00:00 UTC), or integer epoch ms. */
export function parseTimeInput(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const t = /^\d{9,}$/.test(v)
    ? Number(v)
    : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)
      ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v)
      : Number.NaN;
  if (!Number.isFinite(t))
    throw validation([{ field: `querystring.${field}`, issue: 'must be ISO-8601, YYYY-MM-DD or epoch ms' }]);
  return t;
}
