import type { Sql } from '../client';

export interface IdempotencyRow {
  user_id: string;
  route: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  created_at: Date;
  expires_at: Date;
}

interface Scope {
  userId: string;
  route: string;
  key: string;
}

/**
 * Claims a key for one execution. An expired row, or an in-progress one abandoned for longer than `staleSeconds`
 * (its process died), is taken over. Returns true when this caller owns the execution.
 */
export async function claim(sql: Sql, s: Scope, hash: string, staleSeconds: number): Promise<boolean> {
  const rows = await sql`
    insert into idempotency_keys (user_id, route, key, request_hash)
    values (${s.userId}, ${s.route}, ${s.key}, ${hash})
    on conflict (user_id, route, key) do update
       set request_hash = excluded.request_hash, response_status = null, response_body = null,
           created_at = now(), expires_at = now() + interval '24 hours'
     where idempotency_keys.expires_at < now()
        or (idempotency_keys.response_status is null
            and idempotency_keys.created_at < now() - make_interval(secs => ${staleSeconds}))
    returning 1`;
  return rows.length > 0;
}

export async function read(sql: Sql, s: Scope): Promise<IdempotencyRow | undefined> {
  const [row] = await sql<IdempotencyRow[]>`
    select * from idempotency_keys where user_id = ${s.userId} and route = ${s.route} and key = ${s.key}`;
  return row;
}

export async function complete(sql: Sql, s: Scope, status: number, body: unknown): Promise<void> {
  await sql`
    update idempotency_keys set response_status = ${status}, response_body = ${sql.json(body as never)}
     where user_id = ${s.userId} and route = ${s.route} and key = ${s.key}`;
}

/** Forgets a key whose request did not execute (400, 404, 5xx …), so a retry with it may run. */
export async function release(sql: Sql, s: Scope): Promise<void> {
  await sql`delete from idempotency_keys where user_id = ${s.userId} and route = ${s.route} and key = ${s.key}`;
}

export async function purgeExpired(sql: Sql): Promise<number> {
  const rows = await sql`delete from idempotency_keys where expires_at < now() returning 1`;
  return rows.length;
}
