import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';
import { bearer, HS_SECRET, ISSUER, userToken } from './tokens';

const PROXY = '10.0.0.1';
const echoIp = (app: TestApp['app']) =>
  app.get('/test/ip', { config: { auth: 'public', group: 'H' } }, async (req) => ({ ip: req.ip }));

describe('client address and rate-limit buckets behind TRUST_PROXY (api.md §1.8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ TRUST_PROXY: PROXY, JWT_SECRET: HS_SECRET, JWT_ISSUER: ISSUER }, echoIp);
  });
  afterAll(() => t.close());

  const via = (remoteAddress: string, forwarded: string, url = '/test/ip', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { 'x-forwarded-for': forwarded, ...headers } });

  it('X-Forwarded-For is believed only from a configured proxy address', async () => {
    expect((await via(PROXY, '203.0.113.7')).json().ip).toBe('203.0.113.7');
    expect((await via('10.0.0.2', '203.0.113.7')).json().ip).toBe('10.0.0.2');
  });

  it('clients behind the trusted proxy get their own buckets; spoofed headers from elsewhere do not', async () => {
    const statuses = async (n: number, send: (i: number) => ReturnType<typeof via>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await send(i)).statusCode);
      return out;
    };
    const c1 = await statuses(31, () => via(PROXY, '198.51.100.1', '/api/profile'));
    expect(c1.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(c1[30]).toBe(429);
    expect((await via(PROXY, '198.51.100.2', '/api/profile')).statusCode).toBe(200);

    // An untrusted sender rotating X-Forwarded-For still spends one bucket: its own address.
    const spoof = await statuses(31, (i) => via('10.9.9.9', `192.0.2.${i}`, '/api/profile'));
    expect(spoof[30]).toBe(429);
  });

  it('verified users are keyed by token subject, not by the shared address', async () => {
    const a = bearer(await userToken('bucket-a'));
    const b = bearer(await userToken('bucket-b'));
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await via(PROXY, '198.51.100.9', '/api/profile', a)).statusCode;
    expect(last).toBe(429);
    expect((await via(PROXY, '198.51.100.9', '/api/profile', b)).statusCode).toBe(200);
  });
});
