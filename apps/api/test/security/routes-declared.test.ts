import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_GROUPS } from '../../src/lib/route-config';
import { buildTestApp, type TestApp } from '../helper';
import { exemption, FRAMEWORK_EXEMPT, hasBody, paramNames, routerPaths, routesOf } from './routes';

const LEVELS = new Set(['public', 'user', 'admin']);

/** A closed object schema, unions of closed objects included. */
function closed(schema: unknown): boolean {
  const s = schema as { type?: string; additionalProperties?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf ?? []).every(closed);
  return s.type === 'object' && s.additionalProperties === false;
}

function problems(route: ReturnType<typeof routesOf>[number]): string[] {
  const out: string[] = [];
  const s = route.schema;
  if (!route.auth || !LEVELS.has(route.auth)) out.push('no auth level (config.auth)');
  if (!route.group || !(route.group in RATE_GROUPS)) out.push('no rate-limit group (config.group)');
  const response = s.response as Record<string, unknown> | undefined;
  if (!response || !Object.keys(response).some((code) => /^(2\d\d|2xx)$/.test(code)))
    out.push('no 2xx response schema');
  if (hasBody(route.method) && !s.body) out.push('no body schema');
  if (s.body && !closed(s.body)) out.push('body schema is not additionalProperties:false');
  const params = paramNames(route.url);
  const declared = Object.keys((s.params as { properties?: object } | undefined)?.properties ?? {});
  if (params.length > 0 && params.some((p) => !declared.includes(p)))
    out.push(`params ${params.join(',')} not in a params schema`);
  return out;
}

describe('every route declares its contract (api.md §1.3, §1.8, GUIDE habit 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('auth level, group, request and response schemas on every non-framework route', () => {
    const routes = routesOf(t.app);
    const failures = routes
      .filter((r) => exemption(r.url) === undefined)
      .flatMap((r) => problems(r).map((p) => `${r.method} ${r.url}: ${p}`));
    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(5);
  });

  it('framework routes are exempt only by a named reason, and still declare an auth level where auth applies', () => {
    for (const e of FRAMEWORK_EXEMPT) expect(e.reason.length).toBeGreaterThan(10);
    const board = routesOf(t.app).filter((r) => r.url.startsWith('/admin/queues'));
    expect(board.length).toBeGreaterThan(0);
    for (const r of board) expect(r.auth, `${r.method} ${r.url}`).toBe('admin');
  });

  it('no route escapes the catalog (a route registered before the auth plugin is never enforced)', () => {
    const known = new Set(routesOf(t.app).map((r) => `${r.method} ${r.url}`));
    const missing = routerPaths(t.app).filter((k) => !known.has(k) && exemption(k.split(' ')[1] ?? '') === undefined);
    expect(missing).toEqual([]);
  });

  it('the OpenAPI document lists every visible route with its auth level', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { 'x-auth'?: string }>> };
    for (const r of routesOf(t.app).filter((x) => !x.hidden && exemption(x.url) === undefined)) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} in OpenAPI`).toBeDefined();
      expect(op?.['x-auth']).toBe(r.auth);
    }
  });
});
