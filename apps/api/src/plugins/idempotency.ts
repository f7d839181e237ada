import { createHash } from 'node:crypto';
import { idempotencyKeys, type Sql } from '@tx/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, validation } from '../lib/errors';
import { userId } from './auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Money-moving POST: honours `Idempotency-Key` (api.md §1.9). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { userId: string; route: string; key: string } | null;
  }
}

export interface IdempotencyOptions {
  sql: Sql;
  /** How long a duplicate waits for the first execution before 409 IDEMPOTENCY_IN_PROGRESS. */
  waitMs?: number;
  pollMs?: number;
  /** An execution still marked running after this long died with its process; the key is taken over. */
  staleSeconds?: number;
}

const KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Canonical JSON (keys sorted at every level), so the same body hashes the same whatever its key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** 2xx and business rejections are replayed; anything that did not execute (400, 404, 429, 5xx) frees the key. */
function storable(status: number, code: string | undefined) {
  if (status >= 200 && status < 300) return true;
  if (status === 409) return code === 'INVALID_STATE';
  return status === 422 && code !== 'IDEMPOTENCY_KEY_REUSED';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hookList = <H>(hooks: H | H[] | undefined): H[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * Idempotency-Key for routes whose config says `idempotent: true`. The key is scoped to the caller and the
 * canonical route and claimed in Postgres before the handler runs, so concurrent duplicates wait for the first and
 * replay its stored status and body with `Idempotent-Replayed: true`; a different body under the same key is 422.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, opts: IdempotencyOptions) => {
    const waitMs = opts.waitMs ?? 10_000;
    const pollMs = opts.pollMs ?? 25;
    const staleSeconds = opts.staleSeconds ?? 60;
    app.decorateRequest('idempotency', null);

    const claim = async (req: FastifyRequest, reply: FastifyReply) => {
      const config = req.routeOptions.config;
      const key = req.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || !KEY.test(key)) {
        throw validation([{ field: 'Idempotency-Key', issue: 'must be 1-128 characters of [A-Za-z0-9_.:-]' }]);
      }
      const scope = { userId: userId(req), route: `${req.method} ${config.canonical ?? req.routeOptions.url}`, key };
      const hash = createHash('sha256')
        .update(canonical({ params: req.params, body: req.body }))
        .digest('hex');
      const deadline = Date.now() + waitMs;
      for (;;) {
        if (await idempotencyKeys.claim(opts.sql, scope, hash, staleSeconds)) {
          req.idempotency = scope;
          return;
        }
        const row = await idempotencyKeys.read(opts.sql, scope);
        if (row && row.request_hash !== hash) {
          throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
        }
        if (row?.response_status) {
          reply.header('idempotent-replayed', 'true');
          return reply
            .code(row.response_status)
            .type('application/json; charset=utf-8')
            .send(JSON.stringify(row.response_body));
        }
        if (Date.now() >= deadline) {
          throw new AppError(
            409,
            'IDEMPOTENCY_IN_PROGRESS',
            'A request with this Idempotency-Key is still running',
            undefined,
            {
              'retry-after': '1',
            },
          );
        }
        await sleep(pollMs);
      }
    };

    const settle = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const scope = req.idempotency;
      if (!scope) return payload;
      req.idempotency = null;
      let body: unknown = null;
      try {
        body = typeof payload === 'string' ? JSON.parse(payload) : null;
      } catch {
        body = null;
      }
      const code = (body as { error?: { code?: string } } | null)?.error?.code;
      if (body !== null && storable(reply.statusCode, code)) {
        await idempotencyKeys.complete(opts.sql, scope, reply.statusCode, body);
      } else {
        await idempotencyKeys.release(opts.sql, scope);
      }
      return payload;
    };

    // Only the routes that declare `idempotent` get the hooks: every other request skips them entirely.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preHandler = [...hookList(route.preHandler), claim];
      route.onSend = [...hookList(route.onSend), settle];
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
