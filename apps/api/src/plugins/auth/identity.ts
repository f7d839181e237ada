import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';

export const DEMO_USER = 'demo-user';
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const HINT_KEYS = ['user_id', 'userId'] as const;

export const unauthenticated = (invalidToken: boolean) =>
  new AppError(
    401,
    'UNAUTHENTICATED',
    invalidToken ? 'Token is invalid or expired' : 'Authentication required',
    undefined,
    {
      'www-authenticate': invalidToken ? 'Bearer realm="tx", error="invalid_token"' : 'Bearer realm="tx"',
    },
  );

/** The token of an `Authorization: Bearer …` header; null when absent or another scheme (Basic for Bull Board). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  if (!match) return null;
  return match[1]?.trim() ?? '';
}

function hintsIn(source: unknown): unknown[] {
  if (!source || typeof source !== 'object') return [];
  return HINT_KEYS.map((key) => (source as Record<string, unknown>)[key]).filter(
    (v) => v !== undefined && v !== null && v !== '',
  );
}

/** Every user id the caller named, in demo-mode precedence: X-User-Id, body, query (`user_id` before `userId`). */
function hints(req: FastifyRequest): unknown[] {
  const header = req.headers['x-user-id'];
  return [...(header === undefined || header === '' ? [] : [header]), ...hintsIn(req.body), ...hintsIn(req.query)];
}

/** Demo mode without a token (api.md §1.3): the first hint, else `demo-user`; never authenticated. */
export function demoUserId(req: FastifyRequest): string {
  const first = hints(req)[0] ?? DEMO_USER;
  if (typeof first !== 'string' || !USER_ID.test(first)) {
    throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
      { field: 'user_id', issue: 'must match ^[A-Za-z0-9._:@-]{1,128}$' },
    ]);
  }
  return first;
}

/** With a verified token, every user id hint may only repeat the subject (then it is ignored). */
export function assertSameUser(req: FastifyRequest, sub: string): void {
  if (hints(req).some((v) => String(v) !== sub)) {
    throw new AppError(403, 'USER_MISMATCH', 'user_id does not match the authenticated user');
  }
}
