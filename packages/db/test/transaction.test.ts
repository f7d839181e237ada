import net from 'node:net';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '@tx/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src';

let db: TestDatabase;
let counted: postgres.Sql;
let writes = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`create table tx_probe (id int primary key, v int not null check (v >= 0))`;
  await db.sql`insert into tx_probe values (1, 10)`;
  // One connection whose socket counts its writes: a write is a round trip's request. postgres.js leaves
  // connecting a socket it is given to its maker.
  const { hostname, port } = new URL(TEST_DATABASE_URL);
  // `socket` is documented (for other runtimes) but missing from postgres.js's Options type.
  counted = postgres(TEST_DATABASE_URL, {
    max: 1,
    onnotice: () => {},
    connection: { search_path: db.schema },
    socket: () => {
      const s = net.connect(Number(port || 5432), hostname);
      const write = s.write.bind(s) as (...a: unknown[]) => boolean;
      s.write = ((...a: unknown[]) => {
        writes += 1;
        return write(...a);
      }) as typeof s.write;
      return s;
    },
  } as postgres.Options<Record<string, never>>);
});
afterAll(async () => {
  await counted.end({ timeout: 5 });
  await db.drop();
});

const value = async () => (await db.sql<{ v: number }[]>`select v from tx_probe where id = 1`)[0]!.v;

/** Locks the row, then writes v + by together with COMMIT. */
const bump = (sql: postgres.Sql, by: number) =>
  transaction(sql, async ({ sql: tx, commitWith }) => {
    const [row] = await tx<{ v: number }[]>`select v from tx_probe where id = 1 for update`;
    await commitWith((s) => s`update tx_probe set v = ${row!.v + by} where id = 1`);
    return row!.v + by;
  });

describe('transaction', () => {
  it('sends BEGIN with the first statements and COMMIT with the last: two round trips', async () => {
    await bump(counted, 1); // connects and prepares the statements
    writes = 0;
    const before = await value();
    expect(await bump(counted, 2)).toBe(before + 2);
    expect(writes).toBe(2);
    expect(await value()).toBe(before + 2);
  });

  it('rolls everything back when the statement sent with COMMIT fails', async () => {
    const before = await value();
    await expect(
      transaction(db.sql, async ({ sql: tx, commitWith }) => {
        await tx`insert into tx_probe values (2, 1)`;
        await commitWith((s) => s`update tx_probe set v = -1 where id = 1`);
      }),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await value()).toBe(before);
    expect(await db.sql`select 1 from tx_probe where id = 2`).toHaveLength(0);
    // The connection went back to the pool out of the transaction: the next one commits.
    expect(await bump(db.sql, 1)).toBe(before + 1);
  });

  it('rolls back when the callback throws, and commits after it when it never called commitWith', async () => {
    const before = await value();
    await expect(
      transaction(db.sql, async ({ sql: tx }) => {
        await tx`update tx_probe set v = v + 100 where id = 1`;
        throw new Error('checks failed');
      }),
    ).rejects.toThrow('checks failed');
    expect(await value()).toBe(before);
    await transaction(db.sql, async ({ sql: tx }) => {
      await tx`update tx_probe set v = v + 5 where id = 1`;
    });
    expect(await value()).toBe(before + 5);
  });

  it('serialises concurrent transactions on the locked row', async () => {
    const before = await value();
    await Promise.all(Array.from({ length: 20 }, () => bump(db.sql, 1)));
    expect(await value()).toBe(before + 20);
  });

  it('refuses a statement after COMMIT', async () => {
    await expect(
      transaction(db.sql, async ({ commitWith }) => {
        await commitWith((s) => s`select 1`);
        await commitWith((s) => s`select 2`);
      }),
    ).rejects.toThrow('transaction already ended');
  });
});
