export { createSql, pingSql, type Sql, type SqlOptions } from './client';
export { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations } from './migrate';
export * as profiles from './queries/profiles';
export * as workers from './queries/workers';
