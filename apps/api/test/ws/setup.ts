import { waitReady } from '@tx/queue';
import { createPublisher, type EventPublisher } from '@tx/realtime';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { type AppDeps, closeAppDeps, createAppDeps } from '../../src/deps';

export interface Instance {
  app: FastifyInstance;
  deps: AppDeps;
  http: string;
  ws: string;
  close: () => Promise<void>;
}

export const ORIGIN = 'http://localhost:3000';

/** A listening API instance; instances built with the same prefix share pub/sub, buffers and tickets. */
export async function startInstance(db: TestDatabase, prefix: string, env: Record<string, string> = {}) {
  const deps = createAppDeps(testConfig({ CORS_ORIGINS: ORIGIN, ...env }), 'test', {
    schema: db.schema,
    keyPrefix: prefix,
  });
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await waitReady(deps.redis, 5000);
  const { port } = app.server.address() as { port: number };
  let closed = false;
  return {
    app,
    deps,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/ws`,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await closeAppDeps(deps);
    },
  } satisfies Instance;
}

export async function startCluster(n: number, env: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const prefix = testKeyPrefix();
  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) instances.push(await startInstance(db, prefix, env));
  // The one publisher of the tests, as a worker would hold it.
  const publisher: EventPublisher = createPublisher(instances[0].deps.redis, prefix);
  return {
    db,
    prefix,
    instances,
    publisher,
    close: async () => {
      for (const i of instances) await i.close();
      await db.drop();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
