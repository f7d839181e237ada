import { loadConfigOrExit } from '@tx/config';
import { createSql, profiles, watchlists } from '@tx/db';

export const summary = 'create the demo user and its default watchlist (idempotent)';

const DEMO_USER = 'demo-user';

export async function run(): Promise<number> {
  const config = loadConfigOrExit();
  const sql = createSql({ url: config.DATABASE_URL, applicationName: 'tx-seed', max: 1 });
  try {
    await profiles.upsertProfile(sql, DEMO_USER, { name: 'Demo User', username: 'demo' });
    const list = await watchlists.ensureDefaultWatchlist(sql, DEMO_USER, config.defaultWatchlist);
    console.log(`seeded ${DEMO_USER} with watchlist "${list.name}" (${list.symbols.join(', ')})`);
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
