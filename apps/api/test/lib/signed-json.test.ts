import { describe, expect, it } from 'vitest';
import { signedJson } from '../../src/lib/signed-json';
import { cursors } from '../../src/routes/paper-trade/cursor';

const SECRET = 'a-secret-of-sixteen+';

describe('signedJson', () => {
  it('reads back what it signed, and nothing signed with another secret or altered', () => {
    const token = signedJson(SECRET).sign({ u: 'u1', n: 3 });
    expect(signedJson(SECRET).verify(token)).toEqual({ u: 'u1', n: 3 });
    expect(signedJson('another-secret-16+').verify(token)).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'u2', n: 3 })).toString('base64url');
    expect(signedJson(SECRET).verify(`${forged}.${mac}`)).toBeNull();
    expect(signedJson(SECRET).verify(`${body}.${mac!.slice(1)}`)).toBeNull();
    expect(signedJson(SECRET).verify('no-dot')).toBeNull();
  });
});

describe('page cursors', () => {
  it('decode to the id they were made for, only under the same scope', () => {
    const c = cursors(SECRET);
    const cursor = c.encode('alerts?status=active', 42);
    expect(cursor.split('.')[1]).toHaveLength(22);
    expect(c.decode('alerts?status=active', cursor)).toBe(42);
    expect(c.decode('alerts?status=active', undefined)).toBeUndefined();
    expect(() => c.decode('alerts?status=dismissed', cursor)).toThrow(/Cursor is invalid/);
    expect(() => c.decode('alerts?status=active', `${cursor}x`)).toThrow(/Cursor is invalid/);
  });
});
