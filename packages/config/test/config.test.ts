import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from '../src';

const ROOT = resolve(import.meta.dirname, '../../..');
const BASE = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379/2', SECRET_KEY: 'a'.repeat(32) };

describe('loadConfig', () => {
  it('applies documented defaults and derives lists', () => {
    const c = loadConfig(BASE);
    expect(c.PORT).toBe(8080);
    expect(c.BACKEND_SCAN_INTERVAL).toBe(300);
    expect(c.ML_RETRAIN_INTERVAL_SECONDS).toBe(180);
    expect(c.RATELIMIT_STORAGE_URI).toBe('memory://');
    expect(c.workerQueues).toEqual(['scan', 'label', 'retrain', 'backtest', 'trade']);
    expect(c.backgroundWorkers).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('converts strings to the schema types', () => {
    const c = loadConfig({
      ...BASE,
      PORT: '9000',
      ENABLE_BACKGROUND_WORKERS: 'false',
      CORS_ORIGINS: 'https://a, https://b',
    });
    expect(c.PORT).toBe(9000);
    expect(c.backgroundWorkers).toBe(false);
    expect(c.corsOrigins).toEqual(['https://a', 'https://b']);
  });

  it('reports every problem at once, one line per variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BACKEND_SCAN_INTERVAL: '5' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'SECRET_KEY', 'BACKEND_SCAN_INTERVAL']) {
      expect(problems).toContain(name);
    }
  });

  it('every variable is documented in the README configuration table and in .env.example', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const example = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
    const missing = Object.keys(EnvSchema.properties).filter(
      (name) => !readme.includes(`\`${name}\``) || !new RegExp(`^#?\\s*${name}=`, 'm').test(example),
    );
    expect(missing).toEqual([]);
  });
});
