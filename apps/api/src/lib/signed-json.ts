import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens the server hands out and reads back (page cursors, risk confirmations): a JSON payload as base64url, a dot,
 * and its HMAC-SHA256 with SECRET_KEY as base64url, cut to `macLength` characters (43 is the whole MAC).
 */
export function signedJson(secret: string, macLength = 43) {
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, macLength);
  return {
    sign(payload: unknown): string {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    /** The payload, or null for a malformed token or one whose MAC does not match. */
    verify(token: string): unknown {
      const [body, given] = token.split('.');
      if (!body || !given || given.length !== macLength) return null;
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(mac(body)))) return null;
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString());
      } catch {
        return null;
      }
    },
  };
}
