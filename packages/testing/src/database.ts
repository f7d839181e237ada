import { randomBytes } from 'node:crypto';
import { createSql, migrate, type Sql } from '@tx/db';
import { TEST_DATABASE_URL } from './env';

export interface TestDatabase {
  schema: string;
  sql: Sql;
  drop: () => Promise<void>;
}

/**
 * A fresh schema per test file with every migration applied, so test files run in parallel without sharing rows.
 * Dropped (cascade) at the end.
 */
export async function createTestDatabase(url = TEST_DATABASE_URL): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createSql({ url, applicationName: 'tx-test-admin', max: 1 });
  await admin.unsafe(`create schema ${schema}`);
  await admin.end();
  const sql = createSql({ url, applicationName: 'tx-test', max: 4, schema });
  await migrate(sql);
  return {
    schema,
    sql,
    drop: async () => {
      await sql.unsafe(`drop schema ${schema} cascade`);
      await sql.end({ timeout: 5 });
    },
  };
}

/** A unique Redis key / queue / channel prefix for one test file. */
export function testKeyPrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}
