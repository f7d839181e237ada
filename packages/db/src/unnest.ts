import type { Sql } from './client';

/** Postgres type of each column of a row type, for unnest. */
export type ColumnTypes<R> = { readonly [K in keyof R]-?: string };

/**
 * `(col1, col2, …) select * from unnest($1::type1[], $2::type2[], …)` over row objects, for `insert into t ${…}`: one
 * array parameter per column. The statement has one text (prepared once) and a handful of parameters whatever the
 * row count, where a VALUES list costs a new prepared statement and thousands of parameters per batch size.
 */
export function unnestInsert<R>(sql: Sql, rows: readonly R[], types: ColumnTypes<R>) {
  const names = Object.keys(types) as (keyof R & string)[];
  const arrays = names.map((name) => {
    const type = types[name];
    const values = rows.map((r) => {
      const v = r[name] as unknown;
      if (v === null) return null;
      if (v instanceof Date) return v.toISOString();
      return type === 'jsonb' ? JSON.stringify(v) : type === 'boolean' ? String(v) : v;
    });
    // jsonb and boolean arrays travel as text[]: postgres.js serialises array elements by the element type's
    // serialiser (none for jsonb; booleans would make it type the whole parameter as a single boolean).
    const cast = type === 'jsonb' || type === 'boolean' ? `text[]::${type}[]` : `${type}[]`;
    return sql`${values as never}::${sql.unsafe(cast)}`;
  });
  const list = arrays.slice(1).reduce((acc, a) => sql`${acc}, ${a}`, arrays[0]);
  // Column names come from the code's ColumnTypes, never from input.
  return sql`(${sql.unsafe(names.join(', '))}) select * from unnest(${list})`;
}

/** A symbol and timeframe: the key of one scanned series. */
export interface SeriesKey {
  symbol: string;
  timeframe: string;
}

/** `unnest(symbols, timeframes) as k(symbol, timeframe)`: many series as a relation to join on, two parameters. */
export function unnestSeries(sql: Sql, keys: readonly SeriesKey[]) {
  return sql`unnest(${keys.map((k) => k.symbol)}::text[], ${keys.map((k) => k.timeframe)}::text[]) as k(symbol, timeframe)`;
}
