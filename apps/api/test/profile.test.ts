import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('POST /api/save-profile', () => {
  it('answers exactly {"success": true} with no data key, and stores the profile', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/save-profile',
      headers: { 'x-user-id': 'alice' },
      payload: { user_id: 'alice', name: 'Alice', email: '  Alice@Example.COM ', mode: 'live', username: 'al' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
    const profile = await t.app.inject({ url: '/api/profile', headers: { 'x-user-id': 'alice' } });
    expect(profile.json().data).toMatchObject({ user_id: 'alice', email: 'alice@example.com', mode: 'live' });
  });

  it('a re-sent demo mode never downgrades a stored live mode; PUT /api/profile may', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/save-profile',
      headers: { 'x-user-id': 'bob' },
      payload: { mode: 'live' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/save-profile',
      headers: { 'x-user-id': 'bob' },
      payload: { mode: 'demo', name: 'Bob' },
    });
    const after = await t.app.inject({ url: '/api/profile', headers: { 'x-user-id': 'bob' } });
    expect(after.json().data).toMatchObject({ mode: 'live', name: 'Bob' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/profile',
      headers: { 'x-user-id': 'bob' },
      payload: { mode: 'demo' },
    });
    expect(put.json().data.mode).toBe('demo');
  });

  it('an empty JSON body is accepted as {}', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/save-profile',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
  });

  it('invalid input is a 400 and writes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/save-profile',
      headers: { 'x-user-id': 'carol' },
      payload: { email: 'not-an-email', name: 'Carol' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
    const [row] = await t.db.sql`select count(*)::int as n from profiles where user_id = 'carol'`;
    expect(row?.n).toBe(0);
  });

  it('a malformed user id hint is rejected', async () => {
    const res = await t.app.inject({ url: '/api/profile', headers: { 'x-user-id': 'bad id with spaces' } });
    expect(res.statusCode).toBe(400);
  });

  it('a never-saved user gets nulls', async () => {
    const res = await t.app.inject({ url: '/api/profile', headers: { 'x-user-id': 'nobody' } });
    expect(res.json().data).toMatchObject({ user_id: 'nobody', email: null, created_at: null });
  });
});
