import type { JwtSettings } from '@tx/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, unavailable } from '../lib/errors';
import { createTokenVerifier, TokenError } from '../lib/jwt';
import { recordRoutes } from './auth/catalog';
import { assertSameUser, bearerToken, demoUserId, unauthenticated } from './auth/identity';
import { sendError } from './errors';

export { DEMO_USER } from './auth/identity';

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
  /** Token verification; null refuses every bearer token (demo mode without a configured key). */
  jwt: JwtSettings | null;
  /** Demo mode chosen explicitly in production: allowed, but said loudly at boot. */
  demoInProduction?: boolean;
}

/**
 * Puts the caller on `request.identity` and enforces each route's declared auth level (api.md §1.3).
 * - onRequest (headers only): a bearer token is verified, so the rate limiter and the queue dashboard see a
 *   verified subject; an invalid token is 401 in either mode.
 * - preValidation (body parsed): without a token, demo mode resolves the user id hints; with one, a differing
 *   hint is 403 USER_MISMATCH. Then the route's level is enforced. The rate limiter runs after this hook.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    const admins = new Set(opts.adminUserIds);
    const verify = opts.jwt ? createTokenVerifier(opts.jwt) : null;
    if (opts.demoInProduction) {
      app.log.warn('AUTH_MODE=demo in production: user ids are taken from requests unauthenticated');
    }
    app.decorateRequest('identity', null);
    recordRoutes(app);

    async function authenticate(req: FastifyRequest, reply: FastifyReply, token: string) {
      if (!verify) return refuse(req, reply, unauthenticated(true));
      try {
        const { sub, admin } = await verify(token);
        req.identity = { userId: sub, verified: true, admin: admin || admins.has(sub) };
      } catch (err) {
        if (err instanceof TokenError && err.unavailable) {
          req.log.warn({ reason: err.message }, 'token keys unavailable');
          return refuse(req, reply, unavailable('Token verification is temporarily unavailable'));
        }
        req.log.info({ reason: err instanceof Error ? err.message : 'unknown' }, 'token rejected');
        return refuse(req, reply, unauthenticated(true));
      }
    }

    // Callback-form hooks: most requests carry no token and need no promise (see app.ts).
    app.addHook('onRequest', (req, reply, done) => {
      const token = bearerToken(req.headers.authorization);
      if (token === null) return done();
      authenticate(req, reply, token).then(() => done(), done);
    });

    app.addHook('preValidation', (req, reply, done) => {
      if (!req.routeOptions.url) return done(); // unmatched: the not-found handler answers
      const level = req.routeOptions.config?.auth ?? 'public';
      try {
        if (req.identity?.verified) assertSameUser(req, req.identity.userId);
        else if (opts.mode === 'demo') {
          const id = demoUserId(req);
          req.identity = { userId: id, verified: false, admin: admins.has(id) };
        }
        if (level !== 'public') {
          if (!req.identity) throw unauthenticated(false);
          if (level === 'admin' && !req.identity.admin) throw new AppError(403, 'FORBIDDEN', 'Admin role required');
        }
      } catch (err) {
        // A refusal answers here and ends the chain: done is not called.
        if (err instanceof AppError) refuse(req, reply, err);
        else done(err as Error);
        return;
      }
      done();
    });
  },
  { name: 'auth' },
);

/**
 * Answers directly instead of throwing: plugins with an error handler of their own (Bull Board has one) would
 * otherwise reformat the refusal.
 */
function refuse(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.headers) reply.headers(err.headers);
  return sendError(req, reply, { status: err.statusCode, code: err.code, message: err.message, details: err.details });
}

/** The caller of a `user` route; the auth hook guarantees it is set. */
export function userId(req: FastifyRequest): string {
  if (!req.identity) throw unauthenticated(false);
  return req.identity.userId;
}
