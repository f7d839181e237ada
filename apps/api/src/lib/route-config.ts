/**
 * What every route declares in `config` (checked by test/routes-declared.test.ts): who may call it and which
 * rate-limit group counts it (api.md §1.3, §1.8). `canonical` marks an alias with the path it stands for, so the
 * alias shares the canonical route's rate-limit counter.
 */
export type AuthLevel = 'public' | 'user' | 'admin';
export type RateGroup = 'H' | 'M' | 'T' | 'A' | 'ML' | 'MLT' | 'U';

export const RATE_GROUPS: Record<RateGroup, { max: number; windowMs: number } | null> = {
  H: null,
  M: { max: 30, windowMs: 60_000 },
  T: { max: 10, windowMs: 60_000 },
  A: { max: 20, windowMs: 60_000 },
  ML: { max: 30, windowMs: 60_000 },
  MLT: { max: 10, windowMs: 3_600_000 },
  U: { max: 30, windowMs: 60_000 },
};

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
    group?: RateGroup;
    canonical?: string;
  }
}
