import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './client';

// Beside the package sources in the workspace; beside the bundle (dist/migrations) in a built CLI.
export const MIGRATIONS_DIR =
  [join(import.meta.dirname, '..', 'migrations'), join(import.meta.dirname, 'migrations')].find(existsSync) ??
  join(import.meta.dirname, '..', 'migrations');
const LOCK_KEY = 7_310_001; // arbitrary, constant: one migrator at a time per database

export interface Migration {
  id: number;
  name: string;
  checksum: string;
  sql: string;
}

/** Files named NNNN_name.sql, applied in order, each exactly once. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        id: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
      };
    });
}

/**
 * Applies pending migrations under a transaction-scoped advisory lock, so concurrent migrators serialise and the
 * second one finds nothing to do. A changed checksum of an applied migration is an error: migrations are forward
 * only, a fix is a new file.
 */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`create table if not exists schema_migrations (
      id integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`;
    const applied = new Map(
      (await tx<{ id: number; checksum: string }[]>`select id, checksum from schema_migrations`).map((r) => [
        r.id,
        r.checksum,
      ]),
    );
    const done: string[] = [];
    for (const m of migrations) {
      const known = applied.get(m.id);
      if (known !== undefined) {
        if (known !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      await tx.unsafe(m.sql);
      await tx`insert into schema_migrations (id, name, checksum) values (${m.id}, ${m.name}, ${m.checksum})`;
      done.push(m.name);
    }
    return done;
  });
}

export async function migrationStatus(sql: Sql): Promise<{ applied: number; latest: string | null }> {
  const [row] = await sql<{ applied: number; latest: string | null }[]>`
    select count(*)::int as applied, max(name) as latest from schema_migrations`;
  return row ?? { applied: 0, latest: null };
}
