import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, type TestDatabase, testKeyPrefix } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SERVER = resolve(ROOT, 'apps/api/src/server.ts');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function startServer(env: Record<string, string>): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  let err = '';
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    err += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exit, stderr: () => err };
}

describe('process entry', () => {
  it('a configuration error exits 1 with one line naming each bad variable', async () => {
    const s = startServer({ PORT: 'eighty', REDIS_URL: TEST_REDIS_URL, SECRET_KEY: 'x'.repeat(20) });
    expect(await s.exit).toBe(1);
    const lines = s.stderr().split('\n');
    expect(lines.some((l) => l.includes('DATABASE_URL') && l.includes('required'))).toBe(true);
    expect(lines.some((l) => l.includes('PORT'))).toBe(true);
  }, 60_000);

  describe('SIGTERM under load', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('serves every in-flight request, then exits 0 within 25 s', async () => {
      const port = await freePort();
      const s = startServer({
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: TEST_DATABASE_URL,
        REDIS_URL: TEST_REDIS_URL,
        SECRET_KEY: 'x'.repeat(20),
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN_MS: '5000',
        DATABASE_SCHEMA: db.schema,
        REDIS_KEY_PREFIX: testKeyPrefix(),
      });
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 200; i++) {
        const up = await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 200));
      }

      let firing = true;
      let signalledAt = Number.POSITIVE_INFINITY;
      const statuses: number[] = [];
      const failures: string[] = [];
      const client = async () => {
        while (firing) {
          try {
            const res = await fetch(`${base}/api/health`);
            await res.arrayBuffer();
            statuses.push(res.status);
          } catch (err) {
            failures.push(`${Date.now() - signalledAt}ms ${String((err as Error).cause ?? err)}`);
          }
        }
      };
      const clients = Array.from({ length: 20 }, client);
      await new Promise((r) => setTimeout(r, 500));
      signalledAt = Date.now();
      s.child.kill('SIGTERM');
      // Keep the load on into the drain window (5 s), and stop well before the listener closes.
      await new Promise((r) => setTimeout(r, 1000));
      firing = false;
      const readyDuringDrain = await fetch(`${base}/ready`).then((r) => r.status);
      await Promise.all(clients);
      const code = await s.exit;

      expect(readyDuringDrain).toBe(503);
      expect(failures).toEqual([]);
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.every((st) => st === 200)).toBe(true);
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(25_000);
    }, 90_000);
  });
});
