import { parseArgs } from 'node:util';
import { type JwtSettings, loadConfigOrExit } from '@tx/config';
import { SignJWT } from 'jose';

export const summary = 'mint a development token: token --user <id> [--admin] [--ttl 1h] (HS256 with JWT_SECRET)';

const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const TTL = /^(\d{1,6})([smhd])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
const MAX_TTL_SECONDS = 30 * 86_400;

export interface MintRequest {
  user: string;
  admin: boolean;
  ttlSeconds: number;
}

/** `1h` → 3600; null when malformed or longer than 30 days (a dev token should not outlive a sprint). */
export function parseTtl(text: string): number | null {
  const match = TTL.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds : null;
}

/** A Supabase-shaped access token: `sub`, `role: authenticated`, admin via `app_metadata.role`. */
export async function mintToken(jwt: JwtSettings, req: MintRequest, now = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ role: 'authenticated', app_metadata: req.admin ? { role: 'admin' } : {} })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(req.user)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + req.ttlSeconds)
    .sign(new TextEncoder().encode(jwt.secret));
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' },
      admin: { type: 'boolean', default: false },
      ttl: { type: 'string', default: '1h' },
    },
    strict: true,
  });
  if (!values.user || !USER_ID.test(values.user)) {
    process.stderr.write('usage: tx token --user <id> [--admin] [--ttl 1h]  (id: ^[A-Za-z0-9._:@-]{1,128}$)\n');
    return 2;
  }
  const ttlSeconds = parseTtl(values.ttl);
  if (ttlSeconds === null) {
    process.stderr.write('--ttl must look like 30m, 1h or 7d (at most 30d)\n');
    return 2;
  }
  const config = loadConfigOrExit();
  if (config.jwt?.algorithm !== 'HS256') {
    process.stderr.write(
      config.jwt
        ? `tx token signs HS256 only; JWT_ALGORITHM=${config.jwt.algorithm} keys live with the identity provider (use its tokens)\n`
        : 'tx token needs JWT_SECRET and JWT_ISSUER (JWT_ALGORITHM=HS256) to sign with the key the API verifies\n',
    );
    return 2;
  }
  process.stdout.write(`${await mintToken(config.jwt, { user: values.user, admin: values.admin, ttlSeconds })}\n`);
  return 0;
}
