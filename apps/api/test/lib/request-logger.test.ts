import { createLogger } from '@tx/observability';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../../src/lib/request-logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const root = createLogger({
    name: 'test',
    level,
    structured: true,
    destination: { write: (s: string) => lines.push(JSON.parse(s)) },
  });
  return { root, lines };
}

describe('lazyChildLogger (req.log)', () => {
  it('writes with the request bindings and the parent level; nothing below it', () => {
    const { root, lines } = capture('info');
    const log = lazyChildLogger(root, { reqId: 'r1' }, {});
    expect(log.level).toBe('info');
    log.debug('hidden');
    log.info({ a: 1 }, 'shown');
    log.child({ b: 2 }).warn('nested');
    expect(lines.map((l) => [l.msg, l.reqId, l.a ?? l.b])).toEqual([
      ['shown', 'r1', 1],
      ['nested', 'r1', 2],
    ]);
  });

  it('redacts like the root logger', () => {
    const { root, lines } = capture('info');
    lazyChildLogger(root, { reqId: 'r2' }, {}).info({ headers: { authorization: 'Bearer secret' } }, 'x');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('a route log level of its own applies', () => {
    const { root, lines } = capture('info');
    lazyChildLogger(root, { reqId: 'r3' }, { level: 'debug' }).debug('shown at debug');
    expect(lines.map((l) => l.msg)).toEqual(['shown at debug']);
  });
});
