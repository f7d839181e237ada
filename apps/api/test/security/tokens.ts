import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const HS_SECRET = 'test-jwt-secret-0123456789-abcdefghijklmnop';
export const ISSUER = 'https://tx-test.supabase.co/auth/v1';
export const AUDIENCE = 'authenticated';

/** AUTH_MODE=jwt with a Supabase-style HS256 secret; allowlisted so rate limits never mask a result. */
export const HS_ENV = {
  AUTH_MODE: 'jwt',
  JWT_ALGORITHM: 'HS256',
  JWT_SECRET: HS_SECRET,
  JWT_ISSUER: ISSUER,
  RATE_LIMIT_ALLOWLIST: '127.0.0.1',
};

const now = () => Math.floor(Date.now() / 1000);

/** Claims a Supabase access token carries; `over` replaces or (with undefined) removes any of them. */
export function claims(sub: string, over: Record<string, unknown> = {}): JWTPayload {
  const base: Record<string, unknown> = {
    sub,
    iss: ISSUER,
    aud: AUDIENCE,
    role: 'authenticated',
    app_metadata: {},
    iat: now(),
    exp: now() + 600,
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base as JWTPayload;
}

export function signHs(
  payload: JWTPayload,
  secret: string | Uint8Array = HS_SECRET,
  header: Record<string, unknown> = {},
) {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(key);
}

export const userToken = (sub: string) => signHs(claims(sub));
export const adminToken = (sub: string) => signHs(claims(sub, { app_metadata: { role: 'admin' } }));
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A JWKS endpoint on 127.0.0.1 serving one RS256 public key, as an identity provider would. */
export async function startJwks() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const pem = await exportSPKI(publicKey);
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return {
    url,
    pem,
    jwk,
    hits: () => hits,
    sign: (payload: JWTPayload) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' }).sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Tokens that must never authenticate (api.md §1.3), each signed with `sign` (the mode's real key) unless the case
 * is about the key. `publicKey` is what an attacker can know: the RS256 public key (PEM), used as an HMAC secret
 * for the algorithm-confusion case.
 */
export async function badTokens(
  sub: string,
  sign: (payload: JWTPayload) => Promise<string>,
  publicKey: string,
): Promise<Record<string, string>> {
  const [h, p, s] = (await sign(claims(sub))).split('.') as [string, string, string];
  const tampered = b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' });
  const stranger = await generateKeyPair('RS256');
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(sub))}.`,
    'HS256 signed with the public key': await signHs(claims(sub), new TextEncoder().encode(publicKey)),
    'HS256 with a wrong secret': await signHs(claims(sub), 'another-secret-another-secret-another-secret'),
    'RS256 from an unknown key': await new SignJWT(claims(sub))
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .sign(stranger.privateKey),
    expired: await sign(claims(sub, { iat: now() - 7200, exp: now() - 3600 })),
    'not yet valid': await sign(claims(sub, { nbf: now() + 3600 })),
    'wrong issuer': await sign(claims(sub, { iss: 'https://evil.example/auth/v1' })),
    'wrong audience': await sign(claims(sub, { aud: 'anon' })),
    'missing sub': await sign(claims(sub, { sub: undefined })),
    'missing exp': await sign(claims(sub, { exp: undefined })),
    'tampered payload': `${h}.${tampered}.${s}`,
    garbage: 'not.a.jwt',
    'random bytes': Buffer.from('\u0000\u0001garbage').toString('base64'),
    'empty bearer': '',
    '16 KB token': `${h}.${'A'.repeat(16 * 1024)}.${s}`,
  };
}
