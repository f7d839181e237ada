import { exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';
import { fillPath, hasBody, type Route, routesOf } from './routes';
import {
  adminToken,
  badTokens,
  bearer,
  claims,
  HS_ENV,
  HS_SECRET,
  ISSUER,
  signHs,
  startJwks,
  userToken,
} from './tokens';

type Jwks = Awaited<ReturnType<typeof startJwks>>;

function request(route: Route, headers: Record<string, string>) {
  return {
    method: route.method as 'GET',
    url: fillPath(route.url, () => '1'),
    headers: { ...headers, ...(hasBody(route.method) ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody(route.method) ? { payload: '{}' } : {}),
  };
}

const guarded = (app: TestApp['app']) => routesOf(app).filter((r) => r.auth === 'user' || r.auth === 'admin');

/** Every `user`/`admin` route (the WebSocket ticket route included when it exists) refuses every bad token. */
async function expectCorpusRejected(t: TestApp, tokens: Record<string, string>) {
  const routes = guarded(t.app);
  expect(routes.length).toBeGreaterThan(0);
  const isTicket = (r: Route) => r.method === 'POST' && r.url === '/api/ws/ticket';
  expect(routes.some(isTicket)).toBe(routesOf(t.app).some(isTicket));
  const failures: string[] = [];
  for (const route of routes) {
    for (const [name, token] of Object.entries(tokens)) {
      const res = await t.app.inject(request(route, bearer(token)));
      const body = res.json();
      if (
        res.statusCode !== 401 ||
        body.error?.code !== 'UNAUTHENTICATED' ||
        !/^Bearer/.test(String(res.headers['www-authenticate']))
      ) {
        failures.push(`${route.method} ${route.url} [${name}] → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  return routes.length * Object.keys(tokens).length;
}

async function expectValidPasses(t: TestApp, sign: (sub: string, admin: boolean) => Promise<string>) {
  const failures: string[] = [];
  for (const route of guarded(t.app)) {
    const asUser = await t.app.inject(request(route, bearer(await sign('corpus-user', false))));
    const board = route.url.startsWith('/admin/queues'); // answers 401 Basic to non-admins (api.md §1.3)
    const userOk =
      route.auth === 'user'
        ? asUser.statusCode !== 401 && asUser.statusCode !== 403
        : board
          ? asUser.statusCode === 401
          : asUser.statusCode === 403;
    if (!userOk) failures.push(`user token ${route.method} ${route.url} → ${asUser.statusCode}`);
    const asAdmin = await t.app.inject(request(route, bearer(await sign('corpus-admin', true))));
    if (asAdmin.statusCode === 401 || asAdmin.statusCode === 403)
      failures.push(`admin token ${route.method} ${route.url} → ${asAdmin.statusCode}`);
  }
  expect(failures).toEqual([]);
}

describe('token corpus, AUTH_MODE=jwt HS256 (Supabase-style secret)', () => {
  let t: TestApp;
  let pem: string;
  beforeAll(async () => {
    t = await buildTestApp(HS_ENV);
    pem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
  });
  afterAll(() => t.close());

  it('401 for every bad token on every user/admin route', async () => {
    const tokens = await badTokens('corpus-user', (p) => signHs(p), pem);
    const n = await expectCorpusRejected(t, tokens);
    process.stdout.write(`HS256: ${n} bad-token requests, all 401\n`);
  });

  it('a valid token passes; admin routes need the admin role', async () => {
    await expectValidPasses(t, (sub, admin) => (admin ? adminToken(sub) : userToken(sub)));
  });

  it('a missing token on a user route is 401 with WWW-Authenticate: Bearer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/profile' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('the 30 s clock skew is honoured both ways', async () => {
    const now = Math.floor(Date.now() / 1000);
    const justExpired = await signHs(claims('skew', { exp: now - 10 }));
    const almostValid = await signHs(claims('skew', { nbf: now + 10 }));
    const longExpired = await signHs(claims('skew', { exp: now - 60 }));
    for (const [token, status] of [
      [justExpired, 200],
      [almostValid, 200],
      [longExpired, 401],
    ] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: bearer(token) })).statusCode).toBe(
        status,
      );
    }
  });

  it('the user is the token subject; a differing user id hint is 403 USER_MISMATCH, an equal one is ignored', async () => {
    const auth = bearer(await userToken('alice'));
    const mine = await t.app.inject({ method: 'GET', url: '/api/profile', headers: auth });
    expect(mine.json().data.user_id).toBe('alice');
    const cases = [
      { method: 'GET', url: '/api/profile', headers: { ...auth, 'x-user-id': 'bob' } },
      { method: 'GET', url: '/api/profile?user_id=bob', headers: auth },
      { method: 'GET', url: '/api/profile?userId=bob', headers: auth },
      { method: 'PUT', url: '/api/profile', headers: auth, payload: { user_id: 'bob', name: 'x' } },
      { method: 'POST', url: '/api/save-profile', headers: auth, payload: { userId: 'bob', name: 'x' } },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject(c);
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(403);
      expect(res.json().error.code).toBe('USER_MISMATCH');
    }
    const same = await t.app.inject({
      method: 'PUT',
      url: '/api/profile',
      headers: { ...auth, 'x-user-id': 'alice' },
      payload: { user_id: 'alice', name: 'Alice' },
    });
    expect(same.statusCode).toBe(200);
    expect(same.json().data).toMatchObject({ user_id: 'alice', name: 'Alice' });
  });

  it('admin role from app_metadata.role or ADMIN_USER_IDS opens the queue dashboard; a plain user does not', async () => {
    const url = '/admin/queues/api/queues';
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(await adminToken('root')) })).statusCode).toBe(
      200,
    );
    const plain = await t.app.inject({ method: 'GET', url, headers: bearer(await userToken('alice')) });
    expect(plain.statusCode).toBe(401);
    expect(plain.headers['www-authenticate']).toMatch(/^Basic/);
  });
});

describe('ADMIN_USER_IDS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ ...HS_ENV, ADMIN_USER_IDS: 'ops-1,ops-2' });
  });
  afterAll(() => t.close());

  it('a listed subject is admin without a claim', async () => {
    const url = '/admin/queues/api/queues';
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(await userToken('ops-2')) })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(await userToken('ops-3')) })).statusCode).toBe(
      401,
    );
  });
});

describe('token corpus, AUTH_MODE=jwt RS256 from a local JWKS', () => {
  let t: TestApp;
  let jwks: Jwks;
  beforeAll(async () => {
    jwks = await startJwks();
    t = await buildTestApp({
      AUTH_MODE: 'jwt',
      JWT_ALGORITHM: 'RS256',
      JWT_JWKS_URL: jwks.url,
      JWT_ISSUER: ISSUER,
      // The HS secret is configured too: an RS256-pinned verifier must still refuse HS256 tokens made with it.
      JWT_SECRET: HS_SECRET,
      RATE_LIMIT_ALLOWLIST: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await t.close();
    await jwks.close();
  });

  it('401 for every bad token, algorithm confusion with the public key included', async () => {
    const tokens = await badTokens('corpus-user', jwks.sign, jwks.pem);
    tokens['HS256 with the configured HS secret'] = await signHs(claims('corpus-user'));
    const n = await expectCorpusRejected(t, tokens);
    process.stdout.write(`RS256: ${n} bad-token requests, all 401\n`);
  });

  it('a valid RS256 token passes and keys come from the configured URL only', async () => {
    await expectValidPasses(t, (sub, admin) =>
      jwks.sign(claims(sub, admin ? { app_metadata: { role: 'admin' } } : {})),
    );
    expect(jwks.hits()).toBeGreaterThan(0);
  });
});

describe('JWKS endpoint down', () => {
  let t: TestApp;
  let jwks: Jwks;
  beforeAll(async () => {
    jwks = await startJwks();
    await jwks.close();
    t = await buildTestApp({ AUTH_MODE: 'jwt', JWT_ALGORITHM: 'RS256', JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER });
  });
  afterAll(() => t.close());

  it('is 503 (our outage), not 401 (the caller is not at fault)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/profile',
      headers: bearer(await jwks.sign(claims('u'))),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('demo mode', () => {
  let t: TestApp;
  let pem: string;
  beforeAll(async () => {
    t = await buildTestApp({ JWT_SECRET: HS_SECRET, JWT_ISSUER: ISSUER, RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
    pem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
  });
  afterAll(() => t.close());

  it('falls back to hints, then demo-user; a valid token wins; an invalid token is still 401', async () => {
    const get = (headers: Record<string, string> = {}, url = '/api/profile') =>
      t.app.inject({ method: 'GET', url, headers });
    expect((await get()).json().data.user_id).toBe('demo-user');
    expect((await get({ 'x-user-id': 'carol' })).json().data.user_id).toBe('carol');
    expect((await get({}, '/api/profile?user_id=dave')).json().data.user_id).toBe('dave');
    expect((await get(bearer(await userToken('erin')))).json().data.user_id).toBe('erin');
    expect((await get({ ...bearer(await userToken('erin')), 'x-user-id': 'carol' })).statusCode).toBe(403);
    expect((await get({ 'x-user-id': 'bad id!' })).statusCode).toBe(400);
    await expectCorpusRejected(t, await badTokens('corpus-user', (p) => signHs(p), pem));
  });

  it('a demo identity never opens the queue dashboard, even demo-user (admin by default)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { 'x-user-id': 'demo-user' },
    });
    expect(res.statusCode).toBe(401);
  });
});
