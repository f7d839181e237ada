import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, migrate, migrationStatus, readMigrations } from '../src';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('migrations', () => {
  it('apply every file once, in order, and record them with checksums', async () => {
    expect(await migrate(db.sql)).toEqual([]); // createTestDatabase already migrated
    const status = await migrationStatus(db.sql);
    expect(status.applied).toBe(readMigrations().length);
    const rows = await db.sql`select name, checksum from schema_migrations order by id`;
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
  });

  it('concurrent migrators serialise on the advisory lock and apply each migration exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '0001_a.sql'), 'create table a (id int primary key);');
    writeFileSync(join(dir, '0002_b.sql'), 'create table b (id int primary key);');
    const schema = `${db.schema}_c`;
    await db.sql.unsafe(`create schema ${schema}`);
    const clients = [0, 1, 2].map(() =>
      createSql({
        url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        applicationName: 't',
        max: 1,
        schema,
      }),
    );
    try {
      const results = await Promise.all(clients.map((c) => migrate(c, dir)));
      expect(results.flat().sort()).toEqual(['0001_a', '0002_b']);
      const [row] = await clients[0]!`select count(*)::int as n from schema_migrations`;
      expect(row?.n).toBe(2);

      writeFileSync(join(dir, '0002_b.sql'), 'create table b (id bigint primary key);');
      await expect(migrate(clients[0]!, dir)).rejects.toThrow(/0002_b was changed/);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await db.sql.unsafe(`drop schema ${schema} cascade`);
    }
  });
});
