/** Where tests find Postgres and Redis: DATABASE_URL / REDIS_URL, else the local defaults CI and developers have. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
