import { AppError } from '../../lib/errors';
import { signedJson } from '../../lib/signed-json';

const TTL_MS = 24 * 3600 * 1000;

/**
 * Opaque page cursors (api.md §1.5): the last row id, bound to the route and filters that produced it and signed
 * with SECRET_KEY; another filter set, a forged or an expired cursor is 400 INVALID_CURSOR.
 */
export function cursors(secret: string) {
  const signed = signedJson(secret, 22);
  return {
    encode(scope: string, lastId: number): string {
      return signed.sign({ s: scope, id: lastId, at: Date.now() });
    },
    decode(scope: string, cursor: string | undefined): number | undefined {
      if (cursor === undefined) return undefined;
      const v = signed.verify(cursor) as { s: string; id: number; at: number } | null;
      if (!v || v.s !== scope || Date.now() - v.at > TTL_MS) {
        throw new AppError(400, 'INVALID_CURSOR', 'Cursor is invalid or expired');
      }
      return v.id;
    },
  };
}
