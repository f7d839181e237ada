import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const CORS_ALLOWED_HEADERS = [
  'Content-Type',
  'Accept',
  'Authorization',
  'X-User-Id',
  'Idempotency-Key',
  'X-Request-Id',
];
export const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Location',
  'Idempotent-Replayed',
];

/**
 * Security headers on every response (errors included: helmet sets them in onRequest, before any handler can fail).
 * X-XSS-Protection is `0`, helmet's current value: the legacy browser XSS auditor that `1; mode=block` switched on
 * was itself exploitable (cross-site leaks) and has been removed from every current browser, so the header is only
 * kept to disable it where it survives. HSTS in production only: plain-HTTP local development must not be pinned.
 * The JSON API serves no HTML besides /docs and Bull Board, so a strict CSP would only break those two; it is left
 * to helmet's defaults on those routes and off for JSON.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { production: boolean; corsOrigins: string[] }) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      hsts: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xXssProtection: true,
      hidePoweredBy: true,
    });
    const allowed = new Set(opts.corsOrigins);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
      strictPreflight: false,
    });
  },
  { name: 'security' },
);
