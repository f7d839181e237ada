import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queues } from '@tx/queue';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errors';

const BASE = '/admin/queues';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicCredentials(req: FastifyRequest): [string, string] | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : [decoded.slice(0, i), decoded.slice(i + 1)];
}

/**
 * Bull Board at /admin/queues. Always behind admin credentials (HTTP Basic from ADMIN_USERNAME/ADMIN_PASSWORD, or a
 * verified admin token), never a demo identity; read-only in production (writes answer 403).
 */
export async function queueBoardPlugin(
  app: FastifyInstance,
  opts: { queues: Queues; username: string; password: string; production: boolean },
) {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'admin', group: 'H' } as typeof route.config;
    route.schema = { ...route.schema, hide: true };
  });
  app.addHook('onRequest', async (req, reply) => {
    const creds = basicCredentials(req);
    const basicOk =
      opts.password !== '' &&
      creds !== null &&
      sameSecret(creds[0], opts.username) &&
      sameSecret(creds[1], opts.password);
    // The auth plugin has already verified any bearer token (its onRequest hook runs first).
    const tokenAdmin = req.identity?.verified === true && req.identity.admin;
    if (basicOk && !tokenAdmin) req.identity = { userId: `basic:${opts.username}`, verified: true, admin: true };
    if (!basicOk && !tokenAdmin) {
      reply.header('www-authenticate', 'Basic realm="tx-queues", charset="UTF-8"');
      return sendError(req, reply, { status: 401, code: 'UNAUTHENTICATED', message: 'Admin credentials required' });
    }
    if (opts.production && req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(req, reply, { status: 403, code: 'FORBIDDEN', message: 'Queue dashboard is read-only' });
    }
  });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({
    queues: Object.values(opts.queues).map((q) => new BullMQAdapter(q, { readOnlyMode: opts.production })),
    serverAdapter,
  });
  // Bull Board's own error handler answers with the raw error message (and the stack in development).
  serverAdapter.setErrorHandler(() => ({
    status: 500,
    body: { success: false, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } },
  }));
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE });
}
