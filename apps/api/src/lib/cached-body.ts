import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON answer serialised once, UTF-8 encoded, with a strong ETag of its bytes. */
export interface CachedBody {
  body: Buffer;
  etag: string;
}

export function cachedBody(value: unknown): CachedBody {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2; `*` matches any). */
function matches(header: string, etag: string): boolean {
  if (header === etag) return true;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends a cached body as is: no serialisation, no byte counting. A client that already holds this version
 * (If-None-Match) gets 304 without the body.
 */
export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody) {
  reply.header('etag', cached.etag);
  const inm = req.headers['if-none-match'];
  if (inm !== undefined && matches(inm, cached.etag)) return reply.code(304).send();
  return reply.type(JSON_TYPE).send(cached.body);
}
