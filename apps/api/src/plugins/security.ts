import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

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
 * helmet decides the header values; they are static for our options (no CSP nonces), so they are computed once at
 * boot and set by one hook, instead of running helmet's middleware chain on every request (it was 7 % of the CPU
 * of a cached candles request).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, res as never, () => {});
  return headers;
}

/**
 * Security headers on every response (errors included: they are set in onRequest, before any handler can fail).
 * X-XSS-Protection is `0`, helmet's current value: the legacy browser XSS auditor that `1; mode=block` switched on
 * was itself exploitable (cross-site leaks) and has been removed from every current browser, so the header is only
 * kept to disable it where it survives. HSTS in production only: plain-HTTP local development must not be pinned.
 * No CSP: the API serves JSON; its only HTML pages (/docs, Bull Board) load inline scripts a strict CSP would block.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { production: boolean; corsOrigins: string[] }) => {
    const headers = helmetHeaders({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xXssProtection: true,
      xPoweredBy: true,
    });
    app.addHook('onRequest', (_req, reply, done) => {
      reply.headers(headers);
      done();
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
