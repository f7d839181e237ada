import { type Config, loadConfig } from '@tx/config';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './env';

/** A validated config for tests: the real loader, test defaults, and the caller's overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    SECRET_KEY: 'test-secret-key-not-for-production',
    LOG_LEVEL: 'silent',
    STRUCTURED_LOGS: 'true',
    ENABLE_BACKGROUND_WORKERS: 'false',
    ...overrides,
  });
}
