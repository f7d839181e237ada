import { testConfig } from '@tx/testing';
import { closeWorkerDeps, createWorkerDeps } from '@tx/worker/deps';
import { buildRegistry } from '@tx/worker/registry';
import { startWorkers } from '@tx/worker/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ ADMIN_PASSWORD: 'pw-for-tests', CORS_ORIGINS: 'https://app.example.com' });
});
afterAll(() => t.close());

describe('ops endpoints', () => {
  it('GET /health is a bare ok', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready is 200 with healthy deps and 503 while draining', async () => {
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok', draining: false } });
    t.deps.lifecycle.draining = true;
    try {
      const draining = await t.app.inject('/ready');
      expect(draining.statusCode).toBe(503);
      expect(draining.json().checks.draining).toBe(true);
    } finally {
      t.deps.lifecycle.draining = false;
    }
  });

  it('a live worker heartbeat shows in /api/workers/health and /health/detailed', async () => {
    const config = testConfig({ WORKER_QUEUES: 'scan' });
    const wdeps = createWorkerDeps(config, { schema: t.db.schema, keyPrefix: t.deps.keyPrefix });
    const running = await startWorkers(wdeps, buildRegistry([], []), ['scan']);
    try {
      const res = await t.app.inject('/api/workers/health');
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      const me = data.workers.find((w: { id: string }) => w.id === running.id);
      expect(me).toMatchObject({ alive: true, jobs_done: 0, jobs_failed: 0 });
      expect(Object.keys(data.queues).sort()).toEqual(['backtest', 'label', 'retrain', 'scan', 'trade']);
      expect(data.queues.scan).toMatchObject({ waiting: 0, active: 0, failed: 0 });
      expect(data.background_workers_enabled).toBe(false);

      const detailed = await t.app.inject('/health/detailed');
      expect(detailed.statusCode).toBe(200);
      const body = detailed.json();
      expect(body.components.database).toMatchObject({ status: 'ok' });
      expect(body.components.database.migrations.applied).toBeGreaterThan(0);
      expect(body.components.redis.status).toMatch(/ok|degraded/);
      expect(body.components.workers.alive).toBeGreaterThanOrEqual(1);
      expect(body.components.system.cpu_count).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres:\/\//);
    } finally {
      await running.close();
      await closeWorkerDeps(wdeps);
    }
    const after = await t.app.inject('/api/workers/health');
    expect(after.json().data.workers.find((w: { id: string }) => w.id === running.id)).toBeUndefined();
  });

  it('GET /api/health is the enveloped summary', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.json()).toMatchObject({ success: true, data: { version: 'test', database: 'ok', redis: 'ok' } });
    const alias = await t.app.inject('/api/status');
    expect(alias.json().data.version).toBe('test');
  });

  it('/metrics exposes the contract metric names labelled by route pattern', async () => {
    await t.app.inject('/api/profile');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    for (const name of [
      'tx_http_requests_total',
      'tx_http_request_latency_seconds_bucket',
      'tx_scanner_active',
      'tx_queue_jobs',
      'process_cpu_user_seconds_total',
    ]) {
      expect(res.body).toContain(name);
    }
    expect(res.body).toMatch(/tx_http_requests_total\{route="\/api\/profile",method="GET",status="200"\}/);
    expect(res.body).toMatch(/tx_queue_jobs\{queue="scan",state="waiting"\} 0/);
  });

  it('/docs/json is an OpenAPI 3 document with auth levels', async () => {
    const res = await t.app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/save-profile'].post['x-auth']).toBe('user');
    expect(doc.paths['/health'].get['x-auth']).toBe('public');
    expect((await t.app.inject('/swagger.json')).json().openapi).toBe(doc.openapi);
    const ui = await t.app.inject('/docs');
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('/admin/queues needs admin credentials', async () => {
    const anon = await t.app.inject('/admin/queues');
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Basic/);
    const demo = await t.app.inject({ url: '/admin/queues', headers: { 'x-user-id': 'demo-user' } });
    expect(demo.statusCode).toBe(401);
    const wrong = await t.app.inject({
      url: '/admin/queues',
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong.statusCode).toBe(401);
    const good = await t.app.inject({
      url: '/admin/queues',
      headers: { authorization: `Basic ${Buffer.from('admin:pw-for-tests').toString('base64')}` },
    });
    expect(good.statusCode).toBe(200);
    expect(good.headers['content-type']).toMatch(/html/);
  });
});

describe('CORS', () => {
  it('an allowlisted origin is echoed, another gets no Access-Control-Allow-Origin', async () => {
    const yes = await t.app.inject({ url: '/health', headers: { origin: 'https://app.example.com' } });
    expect(yes.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(yes.headers['access-control-allow-credentials']).toBeUndefined();
    const no = await t.app.inject({ url: '/health', headers: { origin: 'https://evil.example.com' } });
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a preflight for an empty-body POST succeeds with the contract headers', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/save-profile',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-user-id,idempotency-key,authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase();
    for (const h of ['content-type', 'accept', 'authorization', 'x-user-id', 'idempotency-key']) {
      expect(allowed).toContain(h);
    }
  });
});

describe('queue dashboard in production', () => {
  it('is read-only: writes answer 403 even with admin credentials', async () => {
    const prod = await buildTestApp({
      NODE_ENV: 'production',
      AUTH_MODE: 'jwt',
      JWT_SECRET: 'jwt-secret-for-tests-0123456789abcdef',
      JWT_ISSUER: 'https://issuer.test/auth/v1',
      ADMIN_PASSWORD: 'pw-for-tests',
    });
    try {
      const auth = { authorization: `Basic ${Buffer.from('admin:pw-for-tests').toString('base64')}` };
      const page = await prod.app.inject({ url: '/admin/queues', headers: auth });
      expect(page.statusCode).toBe(200);
      expect(page.headers['strict-transport-security']).toMatch(/max-age=/);
      const retry = await prod.app.inject({
        method: 'PUT',
        url: '/admin/queues/api/queues/scan/retry/failed',
        headers: auth,
      });
      expect(retry.statusCode).toBe(403);
      expect(retry.json().error.code).toBe('FORBIDDEN');
    } finally {
      await prod.close();
    }
  });
});
