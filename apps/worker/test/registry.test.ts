import { Type as T } from '@sinclair/typebox';
import { defineJob, JOBS } from '@tx/contracts';
import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../src/handlers';
import { buildRegistry, defineHandler } from '../src/registry';

const a = defineJob({ queue: 'scan', name: 'a', payload: T.Object({ v: T.Literal(1) }), attempts: 1, backoffMs: 10 });
const b = defineJob({ queue: 'label', name: 'b', payload: T.Object({ v: T.Literal(1) }), attempts: 1, backoffMs: 10 });
const handle = async () => null;

describe('worker registry', () => {
  it('every contract job has exactly one handler in the shipped worker', () => {
    expect(() => buildRegistry(HANDLERS, JOBS)).not.toThrow();
  });

  it('refuses to boot on a missing handler, a duplicate, or a handler for an unknown job', () => {
    expect(() => buildRegistry([defineHandler(a, handle)], [a, b])).toThrow(/no handler for label:b/);
    expect(() => buildRegistry([defineHandler(a, handle), defineHandler(a, handle)], [a])).toThrow(/two handlers/);
    expect(() => buildRegistry([defineHandler(a, handle)], [])).toThrow(/not in the contracts/);
  });

  it('knows which queues have work', () => {
    const r = buildRegistry([defineHandler(a, handle), defineHandler(b, handle)], [a, b]);
    expect([...r.queuesWithJobs()].sort()).toEqual(['label', 'scan']);
    expect(r.get('scan', 'a')?.job).toBe(a);
  });
});
