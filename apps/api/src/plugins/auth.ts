import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors';

export interface Identity {
  userId: string;
  /** true when proven by a verified token; demo identities are hints only (rate limits key them by IP). */
  verified: boolean;
  admin: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

export interface AuthOptions {
  mode: 'demo' | 'jwt';
  adminUserIds: string[];
}

const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
export const DEMO_USER = 'demo-user';

function pick(source: unknown, ...keys: string[]): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  for (const k of keys) {
    const v = (source as Record<string, unknown>)[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** Demo mode (api.md §1.3): X-User-Id header, then body, then query `user_id`/`userId`, else `demo-user`. */
function demoIdentity(req: FastifyRequest, admins: Set<string>): Identity {
  const header = req.headers['x-user-id'];
  const hinted =
    (typeof header === 'string' && header !== '' ? header : undefined) ??
    pick(req.body, 'user_id', 'userId') ??
    pick(req.query, 'user_id', 'userId') ??
    DEMO_USER;
  if (!USER_ID.test(hinted)) {
    throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
      { field: 'user_id', issue: 'must match ^[A-Za-z0-9._:@-]{1,128}$' },
    ]);
  }
  return { userId: hinted, verified: false, admin: admins.has(hinted) };
}

/**
 * Puts the caller on `request.identity` and enforces each route's declared auth level. Identity hints in bodies
 * are only read after parsing, so resolution runs at preValidation; the rate limiter (registered after this
 * plugin) then sees the final identity.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    const admins = new Set(opts.adminUserIds);
    app.decorateRequest('identity', null);
    app.addHook('preValidation', async (req) => {
      const level = req.routeOptions.config?.auth;
      if (!level || level === 'public') {
        if (opts.mode === 'demo' && req.routeOptions.url) req.identity = demoIdentity(req, admins);
        return;
      }
      if (opts.mode !== 'demo') throw new AppError(401, 'UNAUTHENTICATED', 'Authentication required');
      req.identity = demoIdentity(req, admins);
      if (level === 'admin' && !req.identity.admin) throw new AppError(403, 'FORBIDDEN', 'Admin role required');
    });
  },
  { name: 'auth' },
);

/** The caller of a `user` route; the auth hook guarantees it is set. */
export function userId(req: FastifyRequest): string {
  if (!req.identity) throw new AppError(401, 'UNAUTHENTICATED', 'Authentication required');
  return req.identity.userId;
}
