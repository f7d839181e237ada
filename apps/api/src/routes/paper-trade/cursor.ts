import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../lib/errors';

const TTL_MS = 24 * 3600 * 1000;

/**
 * Opaque page cursors (api.md §1.5): the last row id, bound to the route and filters that produced it and signed
 * with SECRET_KEY; another filter set, a forged or an expired cursor is 400 INVALID_CURSOR.
 */
export function cursors(secret: string) {
  const sign = (text: string) => createHmac('sha256', secret).update(text).digest('base64url').slice(0, 22);
  return {
    encode(scope: string, lastId: number): string {
      const body = Buffer.from(JSON.stringify({ s: scope, id: lastId, at: Date.now() })).toString('base64url');
      return `${body}.${sign(body)}`;
    },
    decode(scope: string, cursor: string | undefined): number | undefined {
      if (cursor === undefined) return undefined;
      const [body, mac] = cursor.split('.');
      const bad = new AppError(400, 'INVALID_CURSOR', 'Cursor is invalid or expired');
      if (!body || !mac || mac.length !== 22 || !timingSafeEqual(Buffer.from(mac), Buffer.from(sign(body)))) throw bad;
      const v = JSON.parse(Buffer.from(body, 'base64url').toString()) as { s: string; id: number; at: number };
      if (v.s !== scope || Date.now() - v.at > TTL_MS) throw bad;
      return v.id;
    },
  };
}
