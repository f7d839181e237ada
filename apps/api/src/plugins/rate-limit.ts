import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AppError } from '../lib/errors';
import { RouteRateLimitStore } from '../lib/rate-limit-store';
import { RATE_GROUPS } from '../lib/route-config';

export interface RateLimitOptions {
  redis: Redis | null;
  keyPrefix: string;
  allowlist: string[];
  onStoreError: (err: Error) => void;
}

/**
 * Per-route limits from each route's group (api.md §1.8). The caller is the verified token subject, else the client
 * IP (Fastify's trustProxy decides which address that is). Runs at preValidation, after authentication, so a
 * verified user has their own bucket.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, opts: RateLimitOptions) => {
    app.addHook('onRoute', (route) => {
      const group = route.config?.group;
      const limit = group ? RATE_GROUPS[group] : null;
      route.config = {
        ...route.config,
        rateLimit: limit ? { max: limit.max, timeWindow: limit.windowMs } : false,
      } as typeof route.config;
    });
    const allow = new Set(opts.allowlist);
    const store = new RouteRateLimitStore(
      opts.redis,
      (err) => {
        app.log.warn({ err: err.message }, 'rate-limit store unavailable: failing open');
        opts.onStoreError(err);
      },
      opts.keyPrefix,
    );
    await app.register(rateLimit, {
      global: true,
      hook: 'preValidation',
      skipOnError: true,
      store: function Store() {
        return store;
      } as never,
      allowList: (req) => allow.has(req.ip),
      keyGenerator: (req) => (req.identity?.verified ? `u:${req.identity.userId}` : `ip:${req.ip}`),
      errorResponseBuilder: (_req, ctx) =>
        new AppError(429, 'RATE_LIMITED', `Too many requests: retry in ${Math.ceil(ctx.ttl / 1000)} s`),
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
