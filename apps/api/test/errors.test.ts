import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({}, (app) => {
    app.get('/test/boom', { config: { auth: 'public', group: 'H' } }, async () => {
      throw new Error('relation "secret_table" does not exist at /srv/app/db.ts:42 password=hunter2');
    });
  });
});
afterAll(() => t.close());

const SECURITY = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-xss-protection': '0',
};

/** A raw body to a JSON route, so parsing and content-type handling are what is tested. */
function postRaw(payload: string, contentType = 'application/json') {
  return t.app.inject({ method: 'POST', url: '/api/save-profile', headers: { 'content-type': contentType }, payload });
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  for (const [k, v] of Object.entries(SECURITY)) expect(headers[k], k).toBe(v);
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['strict-transport-security']).toBeUndefined(); // development/test: never pin plain HTTP
}

describe('error envelope', () => {
  it('unknown route is a 404 envelope with the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'abc-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Route not found' },
      requestId: 'abc-123',
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expectSecurityHeaders(res.headers);
  });

  it('an invalid incoming request id is replaced', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id!' } });
    expect(res.headers['x-request-id']).not.toBe('bad id!');
    expect(String(res.headers['x-request-id'])).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('a known path with another method is 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/profile' });
    expect(res.statusCode).toBe(405);
    expect(res.json().error.code).toBe('METHOD_NOT_ALLOWED');
    expect(String(res.headers.allow)).toContain('GET');
  });

  it('malformed JSON is 400 INVALID_JSON', async () => {
    const res = await postRaw('{"name": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
    expectSecurityHeaders(res.headers);
  });

  it('a __proto__ body is refused, not merged', async () => {
    const res = await postRaw('{"__proto__": {"admin": true}}');
    expect(res.statusCode).toBe(400);
  });

  it('an oversized body is 413', async () => {
    const res = await postRaw(JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a non-JSON content type is 415', async () => {
    const res = await postRaw('hello', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown body property is 400 VALIDATION_ERROR naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/save-profile', payload: { nmae: 'typo' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'nmae' }] });
  });

  it('an unexpected exception is a generic 500 that leaks nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({
      success: false,
      error: { code: 'INTERNAL_ERROR', message: 'Internal error' },
      requestId: res.headers['x-request-id'],
    });
    expect(res.body).not.toMatch(/secret_table|hunter2|\/srv|at |stack/);
    expectSecurityHeaders(res.headers);
  });
});
