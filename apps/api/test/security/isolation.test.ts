import { randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';
import { fillPath, hasBody, paramNames, type Route, routesOf } from './routes';
import { type Schema, valueArb } from './schema-arbitrary';
import { bearer, HS_ENV, userToken } from './tokens';

const A = 'iso-a';
const B = 'iso-b';
const SEED = 7;
const ajv = new Ajv({ strict: false });
const accepts = (schema: unknown, value: unknown) => ajv.validate(schema as object, value);
// Path parameters arrive as strings and Fastify coerces them, so their well-formedness is judged the same way.
const paramsAjv = new Ajv({ strict: false, coerceTypes: true });
const wellFormedParams = (schema: unknown, params: Record<string, string>) =>
  paramsAjv.validate(schema as object, { ...params });

/** Values that make generated bodies meaningful (a tradable symbol, a small size); used only where the schema takes them. */
const HINTS: Record<string, unknown[]> = {
  symbol: ['BTC-USD', 'AAPL'],
  symbols: [['BTC-USD', 'AAPL']],
  side: ['buy', 'BUY', 'long'],
  action: ['buy', 'BUY'],
  qty: [0.01, 1],
  quantity: [0.01, 1],
  type: ['market'],
  order_type: ['market'],
  confirm: [true],
};
const MARKED = ['name', 'title', 'note', 'notes', 'display_name', 'description', 'text', 'username'];

function fixedFor(schema: Schema | undefined, user: string, mark: string): Record<string, unknown> {
  const fixed: Record<string, unknown> = { user_id: user, userId: user };
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    const candidates = [...(HINTS[name] ?? []), ...(MARKED.includes(name) ? [mark] : [])];
    const ok = candidates.find((v) => accepts(prop, v));
    if (ok !== undefined) fixed[name] = ok;
  }
  return fixed;
}

/** Ids an owner can see: every `id` / `*_id` value in its responses (user ids aside). */
function harvest(value: unknown, into: Set<string>) {
  if (Array.isArray(value)) for (const v of value) harvest(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'id' || k.endsWith('_id')) && k !== 'user_id' && (typeof v === 'string' || typeof v === 'number'))
        into.add(String(v));
      else harvest(v, into);
    }
  }
}

describe('per-user isolation matrix (api.md §1.3 ownership)', () => {
  let t: TestApp;
  const tokens: Record<string, Record<string, string>> = {};
  const owned: Record<string, Set<string>> = { [A]: new Set(), [B]: new Set() };
  const marks: Record<string, string> = { [A]: `amark${SEED}`, [B]: `bmark${SEED}` };
  let userRoutes: Route[];
  const seeded: string[] = [];

  const call = (user: string, opts: InjectOptions) =>
    t.app.inject({ ...opts, headers: { ...bearer(''), ...tokens[user], ...(opts.headers ?? {}) } });
  const json = (method: string, url: string, body?: unknown): InjectOptions => ({
    method: method as 'GET',
    url,
    ...(hasBody(method)
      ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body ?? {}) }
      : {}),
  });
  const reads = () => userRoutes.filter((r) => r.method === 'GET' && paramNames(r.url).length === 0);

  async function readAll(user: string) {
    const out: Record<string, string> = {};
    for (const r of reads()) {
      const res = await call(user, json('GET', r.url));
      // The time of the answer itself (`as_of`, `timestamp`) differs between two reads; nothing else may.
      out[r.url] = res.body.replace(/"(as_of|timestamp)":"[^"]*"/g, '"$1":"<read time>"');
      if (res.statusCode < 300) harvest(res.json(), owned[user] as Set<string>);
    }
    return out;
  }

  async function snapshot(): Promise<Record<string, string>> {
    const tables = await t.db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = ${t.db.schema} and table_type = 'BASE TABLE'`;
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const rows = await t.db.sql.unsafe(`select t::text as r from "${table_name}" t order by 1`);
      out[table_name] = rows.map((x) => x.r).join('\n');
    }
    return out;
  }

  beforeAll(async () => {
    t = await buildTestApp(HS_ENV);
    tokens[A] = bearer(await userToken(A));
    tokens[B] = bearer(await userToken(B));
    userRoutes = routesOf(t.app).filter((r) => r.auth === 'user');

    // Each user creates whatever the API lets them create: every user write without path params, tried with
    // schema-generated bodies until one succeeds; then everything they can read is harvested for ids.
    for (const user of [A, B]) {
      for (const r of userRoutes.filter((x) => hasBody(x.method) && paramNames(x.url).length === 0)) {
        const schema = r.schema.body as Schema | undefined;
        const bodies = schema
          ? fc.sample(valueArb(schema, fixedFor(schema, user, marks[user] as string)), { numRuns: 12, seed: SEED })
          : [{}];
        for (const body of bodies) {
          const res = await call(user, json(r.method, r.url, body));
          if (res.statusCode < 300) {
            harvest(res.json(), owned[user] as Set<string>);
            if (user === B) seeded.push(`${r.method} ${r.url}`);
            break;
          }
        }
      }
      await readAll(user);
    }
  }, 120_000);
  afterAll(() => t.close());

  it('both users own objects (the matrix is not empty)', () => {
    process.stdout.write(
      `isolation: B created via ${seeded.join(', ')}; B owns ids ${[...(owned[B] ?? [])].join(',')}\n`,
    );
    expect(seeded.length).toBeGreaterThan(0);
  });

  it("A addressing B's ids or guessed ids gets 404 on every user route with an id, and nothing changes", async () => {
    const mine = owned[A] as Set<string>;
    const theirs = [...(owned[B] as Set<string>)].filter((id) => !mine.has(id));
    const numeric = theirs.filter((id) => /^\d+$/.test(id)).map(Number);
    const guesses = [
      randomUUID(),
      '1',
      '2',
      '3',
      '999999',
      ...numeric.flatMap((n) => [String(n + 1), String(n - 1)]),
    ].filter((g) => !mine.has(g));
    await readAll(A); // lazy per-user defaults are created before the snapshot
    const before = await snapshot();
    const failures: string[] = [];
    const baseline: Record<string, string> = {};
    let probes = 0;
    for (const r of userRoutes.filter((x) => paramNames(x.url).length > 0)) {
      const paramsSchema = r.schema.params;
      for (const id of [randomUUID(), '999999999', ...theirs, ...guesses]) {
        const url = fillPath(r.url, () => id);
        const params = Object.fromEntries(paramNames(r.url).map((p) => [p, id]));
        const wellFormed = !paramsSchema || wellFormedParams(paramsSchema, params);
        const schema = r.schema.body as Schema | undefined;
        const body = schema
          ? fc.sample(valueArb(schema, fixedFor(schema, A, marks[A] as string)), { numRuns: 1, seed: SEED })[0]
          : {};
        const res = await call(A, json(r.method, url, body));
        probes++;
        // Not found, told exactly as for an id that never existed (a domain *_NOT_FOUND code included).
        const code = String(res.json().error?.code);
        const ok = wellFormed ? res.statusCode === 404 || /_NOT_FOUND$/.test(code) : res.statusCode === 400;
        const answer = `${res.statusCode} ${code}`;
        const key = `${r.method} ${r.url} ${wellFormed}`;
        baseline[key] ??= answer;
        const first = baseline[key];
        if (!ok || answer !== first)
          failures.push(`${r.method} ${url} as A → ${answer} (unknown ids: ${first}) ${res.body.slice(0, 120)}`);
      }
    }
    const after = await snapshot();
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    process.stdout.write(
      `isolation: ${probes} cross-user probes, ${theirs.length} of B's ids, ${guesses.length} guesses\n`,
    );
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
  });

  it("A's user-scoped reads never show B's data, and naming B is 403", async () => {
    const views = await readAll(A);
    for (const [url, body] of Object.entries(views)) {
      expect(body, url).not.toContain(B);
      expect(body, url).not.toContain(marks[B]);
    }
    for (const r of reads()) {
      const res = await call(A, json('GET', `${r.url}?user_id=${B}`));
      expect(res.statusCode, r.url).toBe(403);
    }
  });

  it('bodies carrying user_id, userId, cash, status or role cannot change ownership, balances or role', async () => {
    const before = await readAll(B);
    const failures: string[] = [];
    for (const r of userRoutes.filter((x) => hasBody(x.method))) {
      const schema = r.schema.body as Schema | undefined;
      const declared = new Set(Object.keys(schema?.properties ?? {}));
      const base = schema
        ? (fc.sample(valueArb(schema, fixedFor(schema, A, marks[A] as string)), {
            numRuns: 1,
            seed: SEED,
          })[0] as object)
        : {};
      const url = fillPath(r.url, () => [...(owned[A] as Set<string>)][0] ?? '1');
      for (const hijack of [{ user_id: B }, { userId: B }]) {
        const res = await call(A, json(r.method, url, { ...base, ...hijack }));
        if (res.statusCode !== 403)
          failures.push(`${r.method} ${r.url} with ${JSON.stringify(hijack)} → ${res.statusCode}`);
      }
      for (const field of ['cash', 'status', 'role'] as const) {
        if (declared.has(field)) continue; // a declared field is the route's own input, not an ownership hint
        const value = { cash: '999999999', status: 'filled', role: 'admin' }[field];
        const res = await call(A, json(r.method, url, { ...base, [field]: value }));
        if (res.statusCode !== 400) failures.push(`${r.method} ${r.url} with ${field} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await readAll(B)).toEqual(before);
    // The injected cash as a whole number, not the digits inside a float such as 4.999999999999993.
    for (const body of Object.values(await readAll(A))) expect(body).not.toMatch(/(?<![\d.])999999999(?!\d)/);
  });
});
