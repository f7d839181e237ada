import { loadConfigOrExit } from '@tx/config';
import { createSql, migrate } from '@tx/db';

export const summary = 'apply pending database migrations (safe to run concurrently: an advisory lock serialises)';

export async function run(): Promise<number> {
  const config = loadConfigOrExit();
  const sql = createSql({ url: config.DATABASE_URL, applicationName: 'tx-migrate', max: 1 });
  try {
    const applied = await migrate(sql);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
