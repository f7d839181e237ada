import { createLogger } from '@tx/observability';
import { createTestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { closeAppDeps, createAppDeps } from '../../src/deps';
import { bearer, HS_ENV, userToken } from './tokens';

/** The real app with a logger whose output the test reads. */
async function withCapturedLogs(env: Record<string, string>, body: (app: FastifyInstance) => Promise<void>) {
  const lines: string[] = [];
  const logger = createLogger({
    name: 'api',
    level: 'info',
    structured: true,
    destination: { write: (s: string) => lines.push(s) },
  });
  const db = await createTestDatabase();
  const deps = createAppDeps(testConfig(env), 'test', { schema: db.schema, keyPrefix: testKeyPrefix(), logger });
  const app = await buildApp(deps);
  // A careless handler logging whole headers and bodies: redaction is the last line of defence.
  app.post('/test/careless', { config: { auth: 'public', group: 'H' } }, async (req) => {
    req.log.info({ headers: req.headers, body: req.body }, 'careless flat');
    req.log.info({ req: { headers: req.headers, body: req.body } }, 'careless nested');
    return { ok: true };
  });
  try {
    await app.ready();
    await body(app);
  } finally {
    await app.close();
    await closeAppDeps(deps);
    await db.drop();
  }
  return lines.join('');
}

describe('sensitive values never reach the logs', () => {
  it('tokens, passwords and secrets are redacted', async () => {
    const token = await userToken('logger');
    const output = await withCapturedLogs(HS_ENV, async (app) => {
      const res = await app.inject({
        method: 'POST',
        url: '/test/careless',
        headers: { ...bearer(token), cookie: 'sid=cookie-secret-value' },
        payload: { password: 'hunter2-password', token: 'body-token-value', name: 'visible-name' },
      });
      expect(res.statusCode).toBe(200);
      // A rejected token is logged by reason only.
      await app.inject({ method: 'GET', url: '/api/profile', headers: bearer(`${token}x`) });
    });
    expect(output).toContain('visible-name'); // the capture works
    expect(output).toContain('[redacted]');
    for (const secret of [
      token.split('.')[2] as string,
      'hunter2-password',
      'body-token-value',
      'cookie-secret-value',
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('demo mode chosen explicitly in production boots with a warning', async () => {
    const output = await withCapturedLogs({ NODE_ENV: 'production', AUTH_MODE: 'demo' }, async () => {});
    const warning = output.split('\n').find((l) => l.includes('AUTH_MODE=demo in production'));
    expect(warning && JSON.parse(warning).level).toBe(40);
  });
});
