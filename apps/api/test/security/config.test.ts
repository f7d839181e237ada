import { ConfigError, loadConfig } from '@tx/config';
import { describe, expect, it } from 'vitest';

const BASE = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SECRET_KEY: 'test-secret-key-not-for-production',
};
const SECRET = 'x'.repeat(40);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('identity configuration is checked at boot (api.md §1.3)', () => {
  it('defaults to demo only in development and test, otherwise jwt', () => {
    expect(loadConfig({ ...BASE, NODE_ENV: 'test' }).authMode).toBe('demo');
    expect(loadConfig({ ...BASE, NODE_ENV: 'development' }).authMode).toBe('demo');
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET: is required when AUTH_MODE=jwt and JWT_ALGORITHM=HS256',
    ]);
    const prod = loadConfig({
      ...BASE,
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'https://x.supabase.co/auth/v1',
    });
    expect(prod.authMode).toBe('jwt');
    expect(prod.jwt).toMatchObject({ algorithm: 'HS256', audience: 'authenticated' });
    expect(prod.adminUserIds).toEqual([]);
  });

  it('demo in production only when explicit, and flagged', () => {
    const c = loadConfig({ ...BASE, NODE_ENV: 'production', AUTH_MODE: 'demo' });
    expect(c.demoInProduction).toBe(true);
    expect(c.adminUserIds).toEqual(['demo-user']);
  });

  it('refuses combinations that cannot verify tokens properly', () => {
    expect(problems({ AUTH_MODE: 'jwt', JWT_ALGORITHM: 'RS256', JWT_SECRET: SECRET, JWT_ISSUER: 'i' })).toEqual([
      'JWT_JWKS_URL: is required when AUTH_MODE=jwt and JWT_ALGORITHM=RS256',
    ]);
    expect(problems({ AUTH_MODE: 'jwt', JWT_SECRET: 'short', JWT_ISSUER: 'i' })[0]).toMatch(
      /^JWT_SECRET: must be at least 32/,
    );
    expect(problems({ AUTH_MODE: 'jwt', JWT_SECRET: SECRET })[0]).toMatch(/^JWT_ISSUER: is required/);
    expect(
      problems({
        NODE_ENV: 'production',
        JWT_ALGORITHM: 'ES256',
        JWT_JWKS_URL: 'http://idp.example/jwks',
        JWT_ISSUER: 'i',
      })[0],
    ).toMatch(/^JWT_JWKS_URL: must be an https/);
    expect(problems({ JWT_ALGORITHM: 'none' })[0]).toMatch(/^JWT_ALGORITHM/);
  });

  it('ADMIN_USER_IDS is a list; demo mode defaults it to demo-user', () => {
    expect(loadConfig({ ...BASE, ADMIN_USER_IDS: 'a, b' }).adminUserIds).toEqual(['a', 'b']);
    expect(loadConfig(BASE).adminUserIds).toEqual(['demo-user']);
    expect(loadConfig(BASE).jwt).toBeNull();
  });
});
