/**
 * A real listening TX API for a suite: its own Postgres schema (every migration applied), its own Redis key prefix,
 * rate limits bypassed for 127.0.0.1 and logging off. `close` stops the server and drops the schema.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../apps/api/src/app';
import { type AppDeps, closeAppDeps, createAppDeps } from '../../apps/api/src/deps';
import { createTestDatabase, type TestDatabase, testConfig } from '../../packages/testing/src';

export interface BenchServer {
  db: TestDatabase;
  deps: AppDeps;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const db = await createTestDatabase();
  const config = testConfig({ RATE_LIMIT_ALLOWLIST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const deps = createAppDeps(config, 'bench', {
    schema: db.schema,
    keyPrefix: `bench-${randomBytes(4).toString('hex')}`,
  });
  const app = await buildApp(deps);
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    db,
    deps,
    origin,
    close: async () => {
      await app.close();
      await closeAppDeps(deps);
      await db.drop();
    },
  };
}
