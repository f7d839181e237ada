import websocket from '@fastify/websocket';
import { Type as T } from '@sinclair/typebox';
import { isSymbolError, normalizeSymbol } from '@tx/market-data';
import { workerConnection } from '@tx/queue';
import { Hub, readReplay, redisKeys } from '@tx/realtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { Envelope, ok } from '../../lib/envelope';
import { AppError } from '../../lib/errors';
import { HintsOnlyBody } from '../../lib/identity-hints';
import { userId } from '../../plugins/auth';
import { Connection } from './connection';
import { WS_LIMITS, type WsLimits } from './limits';
import { createWsMetrics } from './metrics';
import { createTickets } from './tickets';
import { encodeTextFrames } from './wire';

export interface WsRouteOptions {
  /** Reads replay buffers, job owners and tickets (the API's fail-fast producer connection). */
  redis: Redis;
  /** The hub opens its own subscriber connection here (a subscribed connection can run nothing else). */
  redisUrl: string;
  keyPrefix: string;
  authMode: 'demo' | 'jwt';
  corsOrigins: string[];
  rateLimitAllowlist: string[];
  limits?: Partial<WsLimits>;
}

/** Symbols inside channel names accept the aliases of api.md §1.7; acks and messages use the canonical name. */
function canonicalSymbol(input: string): string | null {
  const n = normalizeSymbol(input);
  return isSymbolError(n) ? null : n.symbol;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** `/health/detailed` section (api.md §3.1). */
    realtime: { health: () => { connections: number; subscriptions: number } };
  }
}

const Ticket = T.Object({
  ticket: T.String(),
  expires_at: T.String(),
  expires_in_s: T.Integer(),
  url: T.String(),
});

/**
 * The real-time gateway (api.md §4, §3.13): `POST /api/ws/ticket` and `/ws`. One Redis subscriber per instance
 * (the hub) fans events out to this instance's sockets; any instance can serve any client.
 */
export const wsRoutes = fp(
  async (app: FastifyInstance, opts: WsRouteOptions) => {
    const limits: WsLimits = { ...WS_LIMITS, ...opts.limits };
    const metrics = createWsMetrics(app.metrics.registry);
    const tickets = createTickets(opts.redis, opts.keyPrefix, limits.ticketTtlMs);
    const keys = redisKeys(opts.keyPrefix);
    const hub = new Hub(
      workerConnection(opts.redisUrl, { connectionName: `${opts.keyPrefix}:ws-hub` }),
      opts.redis,
      opts.keyPrefix,
      encodeTextFrames,
      {
        fanout: (frame, recipients, latencyMs) => {
          if (recipients > 0) metrics.sentFor(frame.type).inc(recipients);
          metrics.fanoutLatency.observe(latencyMs / 1000);
        },
        dropped: (reason) => metrics.dropped.inc({ reason }),
        log: app.log,
      },
    );
    await hub.start();

    const connections = new Set<Connection>();
    const perUser = new Map<string, number>();
    const perIp = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string, d: number) => {
      const n = (m.get(k) ?? 0) + d;
      if (n > 0) m.set(k, n);
      else m.delete(k);
    };
    const admitted = new WeakMap<FastifyRequest, string>();

    app.decorate('realtime', {
      health: () => ({ connections: connections.size, subscriptions: hub.stats().subscriptions }),
    });

    await app.register(websocket, {
      // No permessage-deflate: live frames are written past ws's Sender (wire.ts).
      options: { maxPayload: limits.maxPayloadBytes, perMessageDeflate: false },
      // api.md §4.6: tell clients, then close with 1001 so they reconnect elsewhere and resume.
      preClose: async () => {
        for (const c of connections) c.shutdown();
        await new Promise((r) => setTimeout(r, connections.size > 0 ? 100 : 0));
      },
    });

    const heartbeat = setInterval(() => {
      for (const c of connections) c.heartbeat();
    }, limits.heartbeatMs);
    heartbeat.unref();

    app.addHook('onClose', async () => {
      clearInterval(heartbeat);
      await hub.close();
    });

    app.post(
      '/api/ws/ticket',
      { config: { auth: 'user', group: 'U' }, schema: { body: HintsOnlyBody, response: { 200: Envelope(Ticket) } } },
      async (req) => {
        const { ticket, expiresAt } = await tickets.issue(userId(req));
        return ok({
          ticket,
          expires_at: expiresAt.toISOString(),
          expires_in_s: Math.round(limits.ticketTtlMs / 1000),
          url: `/ws?ticket=${ticket}`,
        });
      },
    );

    app.get(
      '/ws',
      {
        websocket: true,
        config: { auth: 'public', group: 'H' },
        schema: { querystring: T.Object({ ticket: T.Optional(T.String({ maxLength: 256 })) }) },
        // Everything that can refuse the upgrade runs here, before it: the refusal is a plain HTTP error envelope.
        preHandler: async (req) => {
          const origin = req.headers.origin;
          if (origin !== undefined && !opts.corsOrigins.includes(origin)) {
            throw new AppError(403, 'FORBIDDEN', 'Origin not allowed');
          }
          const ticket = (req.query as { ticket?: string }).ticket;
          let user: string | null = null;
          if (ticket !== undefined) user = await tickets.consume(ticket);
          else if (opts.authMode === 'demo') user = req.identity?.userId ?? null;
          if (!user) {
            throw new AppError(401, 'UNAUTHENTICATED', 'A valid ticket from POST /api/ws/ticket is required');
          }
          if (!opts.rateLimitAllowlist.includes(req.ip)) {
            if (
              (perUser.get(user) ?? 0) >= limits.connectionsPerUser ||
              (perIp.get(req.ip) ?? 0) >= limits.connectionsPerIp
            ) {
              throw new AppError(429, 'RATE_LIMITED', 'Too many WebSocket connections', undefined, {
                'retry-after': '5',
              });
            }
          }
          admitted.set(req, user);
        },
      },
      (socket, req) => {
        const user = admitted.get(req);
        if (!user) {
          socket.close(1011, 'internal_error');
          return;
        }
        const ip = req.ip;
        // The upgraded request's socket is the one ws took over.
        const conn = new Connection(socket, req.socket, user, {
          hub,
          encode: encodeTextFrames,
          readReplay: (channel, parsed, after) => readReplay(opts.redis, opts.keyPrefix, channel, parsed, after),
          jobOwner: (jobId) => opts.redis.get(keys.jobOwner(jobId)),
          canonicalSymbol,
          limits,
          metrics,
          log: req.log,
        });
        connections.add(conn);
        bump(perUser, user, 1);
        bump(perIp, ip, 1);
        metrics.connections.set(connections.size);
        socket.on('close', () => {
          connections.delete(conn);
          bump(perUser, user, -1);
          bump(perIp, ip, -1);
          metrics.connections.set(connections.size);
        });
      },
    );
  },
  { name: 'ws', dependencies: ['auth'] },
);
