/**
 * Columns packed by Postgres into one bytea per column and row (`string_agg(float8send(x), '' order by …)`): a
 * series of thousands of values travels as one field, where one row per value cost more to parse than to use.
 */

/** A float8 column: 8 big-endian bytes per value; null (no rows aggregated) is empty. */
export function unpackFloat8(b: Buffer | null): Float64Array {
  const out = new Float64Array(b ? b.length / 8 : 0);
  for (let i = 0; i < out.length; i++) out[i] = (b as Buffer).readDoubleBE(i * 8);
  return out;
}
