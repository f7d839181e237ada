import type { JwtSettings } from '@tx/config';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken, parseTtl } from '../src/commands/token';

const jwt: JwtSettings = {
  algorithm: 'HS256',
  secret: 'cli-test-secret-0123456789-abcdefghijkl',
  jwksUrl: '',
  issuer: 'https://tx-test.supabase.co/auth/v1',
  audience: 'authenticated',
};

describe('tx token', () => {
  it('mints a Supabase-shaped HS256 token the pinned verifier options accept', async () => {
    const token = await mintToken(jwt, { user: 'alice', admin: true, ttlSeconds: 3600 });
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(jwt.secret), {
      algorithms: ['HS256'],
      issuer: jwt.issuer,
      audience: jwt.audience,
      requiredClaims: ['exp', 'sub'],
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'alice', role: 'authenticated', app_metadata: { role: 'admin' } });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('a plain user carries no admin claim', async () => {
    const token = await mintToken(jwt, { user: 'bob', admin: false, ttlSeconds: 60 });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(jwt.secret), { algorithms: ['HS256'] });
    expect(payload.app_metadata).toEqual({});
  });

  it('parses TTLs and refuses malformed or over-long ones', () => {
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('7d')).toBe(604_800);
    for (const bad of ['', '1', 'h', '0s', '-1h', '31d', '1w', '1h30m']) expect(parseTtl(bad), bad).toBeNull();
  });
});
