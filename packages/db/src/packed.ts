/**
 * Columns packed by Postgres into one bytea per column and row (`string_agg(float8send(x), '' order by …)`): a
 * series of thousands of values travels as one field, where one row per value cost more to parse than to use.
 */

/**
 * float8 values, 8 big-endian bytes each, dealt into `count` columns in turn (value k goes to column k % count):
 * read straight into the columns, no intermediate array. Null (nothing aggregated) gives empty columns.
 */
export function unpackFloat8(b: Buffer | null, count = 1): Float64Array[] {
  const values = b ? b.length / 8 : 0;
  const columns = Array.from({ length: count }, () => new Float64Array(values / count));
  for (let k = 0; k < values; k++) columns[k % count][Math.floor(k / count)] = (b as Buffer).readDoubleBE(k * 8);
  return columns;
}
