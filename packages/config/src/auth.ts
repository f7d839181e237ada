import type { Env } from './schema';

export type AuthMode = 'demo' | 'jwt';
export type JwtAlgorithm = Env['JWT_ALGORITHM'];

/** How bearer tokens are verified; null when no key is configured (demo mode then refuses every token). */
export interface JwtSettings {
  algorithm: JwtAlgorithm;
  /** HS256 only. */
  secret: string;
  /** RS256/ES256 only: the one place keys come from, never a URL taken from a token. */
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface AuthSettings {
  authMode: AuthMode;
  /** true when demo mode was chosen explicitly in production (boot logs a warning, /health/detailed shows it). */
  demoInProduction: boolean;
  adminUserIds: string[];
  jwt: JwtSettings | null;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

// Supabase's own JWT secrets are 40+ characters; a short HMAC secret can be brute-forced offline from one token.
const MIN_SECRET_LENGTH = 32;

/**
 * Derives the identity settings (api.md §1.3) and checks that they fit together, returning one problem per line so
 * a misconfigured instance refuses to boot instead of accepting tokens it cannot verify properly.
 */
export function resolveAuth(env: Env): { settings: AuthSettings; problems: string[] } {
  const problems: string[] = [];
  const devLike = env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
  const authMode: AuthMode = env.AUTH_MODE ?? (devLike ? 'demo' : 'jwt');
  const hmac = env.JWT_ALGORITHM === 'HS256';
  const keyed = hmac ? env.JWT_SECRET !== '' : env.JWT_JWKS_URL !== '';

  if (authMode === 'jwt' && !keyed) {
    problems.push(
      hmac
        ? 'JWT_SECRET: is required when AUTH_MODE=jwt and JWT_ALGORITHM=HS256'
        : `JWT_JWKS_URL: is required when AUTH_MODE=jwt and JWT_ALGORITHM=${env.JWT_ALGORITHM}`,
    );
  }
  if (hmac && env.JWT_SECRET !== '' && env.JWT_SECRET.length < MIN_SECRET_LENGTH) {
    problems.push(`JWT_SECRET: must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (!hmac && env.JWT_JWKS_URL !== '') {
    const secure = /^https:\/\//.test(env.JWT_JWKS_URL);
    const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(env.JWT_JWKS_URL);
    if (!secure && !(local && devLike)) {
      problems.push('JWT_JWKS_URL: must be an https:// URL (http is accepted for loopback outside production)');
    }
  }
  if (keyed && env.JWT_ISSUER === '') {
    problems.push('JWT_ISSUER: is required when tokens are verified (the issuer is pinned)');
  }

  return {
    problems,
    settings: {
      authMode,
      demoInProduction: authMode === 'demo' && env.NODE_ENV === 'production',
      adminUserIds: list(env.ADMIN_USER_IDS ?? (authMode === 'demo' ? 'demo-user' : '')),
      jwt: keyed
        ? {
            algorithm: env.JWT_ALGORITHM,
            secret: hmac ? env.JWT_SECRET : '',
            jwksUrl: hmac ? '' : env.JWT_JWKS_URL,
            issuer: env.JWT_ISSUER,
            audience: env.JWT_AUDIENCE,
          }
        : null,
    },
  };
}
