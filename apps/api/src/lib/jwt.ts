import type { JwtSettings } from '@tx/config';
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

/** api.md §1.3: tokens over 8 KiB are refused before any parsing or key lookup. */
export const MAX_TOKEN_BYTES = 8 * 1024;
const CLOCK_SKEW_SECONDS = 30;
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export interface VerifiedToken {
  sub: string;
  admin: boolean;
}

/** A token that fails a check (401); `unavailable` marks a key server that could not be reached (503). */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

function isAdminClaim(payload: JWTPayload): boolean {
  const meta = payload.app_metadata;
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>).role === 'admin';
}

/**
 * A verifier with algorithm, issuer and audience pinned (GUIDE: JWT verification accepts every algorithm unless
 * pinned). HS256 uses the secret's UTF-8 bytes, as Supabase does; RS256/ES256 keys come only from the configured
 * JWKS URL, fetched and cached by jose (the token's own `jku`/`x5u`/`jwk` headers are never consulted).
 */
export function createTokenVerifier(settings: JwtSettings): (token: string) => Promise<VerifiedToken> {
  const getKey = settings.algorithm === 'HS256' ? hmacKey(settings.secret) : remoteKey(settings.jwksUrl);
  const options = {
    algorithms: [settings.algorithm],
    issuer: settings.issuer,
    audience: settings.audience,
    clockTolerance: CLOCK_SKEW_SECONDS,
    requiredClaims: ['exp', 'sub'],
  };

  return async (token) => {
    if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) throw new TokenError('token is larger than 8 KiB');
    let payload: JWTPayload;
    try {
      payload = (await jwtVerify(token, getKey, options)).payload;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError(err instanceof errors.JOSEError ? err.code : 'malformed token');
    }
    if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub)) throw new TokenError('subject is invalid');
    return { sub: payload.sub, admin: isAdminClaim(payload) };
  };
}

function hmacKey(secret: string): JWTVerifyGetKey {
  const key = new TextEncoder().encode(secret);
  return async () => key;
}

/** Keys from the configured JWKS URL; a key server that is down or answers garbage is a 503, not the caller's fault. */
function remoteKey(url: string): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000, cooldownDuration: 30_000 });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (err) {
      const callerFault =
        err instanceof errors.JWKSNoMatchingKey ||
        err instanceof errors.JWKSMultipleMatchingKeys ||
        err instanceof errors.JOSENotSupported;
      if (callerFault) throw err;
      throw new TokenError('key server unavailable', true);
    }
  };
}
