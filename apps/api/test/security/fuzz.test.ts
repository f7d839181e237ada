import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/lib/envelope';
import { buildTestApp, type TestApp } from '../helper';
import { type Route, routesOf } from './routes';
import { hostileValue, NASTY_STRINGS, type Schema, valueArb } from './schema-arbitrary';
import { adminToken, HS_ENV } from './tokens';

// Fixed so a failure reproduces; FUZZ_SEED overrides it to explore further.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SUB = 'fuzz-user';
const BATCH = 16;

/** Text that must never leave the process: stack frames, file paths, SQL and driver errors (GUIDE: errors). */
const LEAKS = [
  /\bat [\w$.<>]+ \(?[^\s)]+:\d+:\d+\)?/,
  /node_modules|\/src\/[\w/-]+\.[jt]s/,
  /PostgresError|syntax error at or near|violates (?:foreign key|unique|check|not-null) constraint/i,
  /duplicate key value|relation "[^"]*" does not exist|column "[^"]*" (?:does not exist|of relation)/i,
  /invalid input syntax for|value too long for type|out of range for type|ECONNREFUSED|ETIMEDOUT|ReplyError/,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError):|Cannot read propert/,
];

const RAW_BODIES = [
  '{',
  '{"a":',
  '[',
  'nul',
  '"just a string"',
  '123',
  '[]',
  'null',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1e999999}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"x":"${'y'.repeat(300_000)}"}`,
  '\u0000\u0001',
  '\uFEFF{}',
];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
];

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  url: string;
  params: Param[];
  body?: Schema;
  route?: Route;
}
interface Req {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
  raw?: string;
}

/** Every operation of the generated OpenAPI document, joined to its registered route (for response schemas). */
function operations(app: TestApp['app']): Operation[] {
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
    >;
  };
  const routes = routesOf(app);
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      ops.push({
        method: upper,
        url,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        route: routes.find((r) => r.method === upper && r.url === url),
      });
    }
  }
  return ops;
}

function validArb(op: Operation): fc.Arbitrary<Req> {
  const group = (where: Param['in']) => {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const p of op.params.filter((x) => x.in === where)) {
      model[p.name] = p.name === 'user_id' || p.name === 'userId' ? fc.constant(SUB) : valueArb(p.schema);
      if (p.required || where === 'path') required.push(p.name);
    }
    return fc.record(model, { requiredKeys: required });
  };
  const fixed = { user_id: SUB, userId: SUB };
  return fc.record({
    params: group('path'),
    query: group('query'),
    headers: group('header').map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]))),
    body: op.body ? valueArb(op.body, fixed) : fc.constant(undefined),
  }) as fc.Arbitrary<Req>;
}

type Mutation = (r: Req, hostile: unknown, pick: number) => Req;
const keysOf = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
const MUTATIONS: Record<string, Mutation> = {
  'body property hostile': (r, h, n) => {
    const keys = keysOf(r.body);
    const key = keys.length ? (keys[n % keys.length] as string) : 'unexpected';
    return { ...r, body: { ...(r.body as object), [key]: h } };
  },
  'body required property dropped': (r, _h, n) => {
    const keys = keysOf(r.body);
    if (!keys.length) return { ...r, body: {} };
    const { [keys[n % keys.length] as string]: _gone, ...rest } = r.body as Record<string, unknown>;
    return { ...r, body: rest };
  },
  'body unknown property': (r, h) => ({ ...r, body: { ...(r.body as object), extra_field: h, user_id: SUB } }),
  'body ownership fields': (r, _h, n) => ({
    ...r,
    body: { ...(r.body as object), cash: ['1e12', 1e308, -5][n % 3], status: 'filled', role: 'admin', user_id: SUB },
  }),
  'body replaced': (r, h) => ({ ...r, body: h }),
  'raw body': (r, _h, n) => ({ ...r, raw: RAW_BODIES[n % RAW_BODIES.length] }),
  'wrong content type': (r, _h, n) => ({
    ...r,
    raw: JSON.stringify(r.body ?? {}),
    headers: { ...r.headers, 'content-type': WRONG_TYPES[n % WRONG_TYPES.length] as string },
  }),
  'path param hostile': (r, h) => {
    const keys = Object.keys(r.params);
    return keys.length
      ? { ...r, params: { ...r.params, [keys[0] as string]: asText(h) } }
      : { ...r, query: { ...r.query, x: h } };
  },
  'query hostile': (r, h, n) => {
    const keys = [...Object.keys(r.query), 'user_id', 'limit', 'cursor', 'symbol', 'unknown'];
    const key = keys[n % keys.length] as string;
    return { ...r, query: { ...r.query, [key]: key === 'user_id' ? SUB : Array.isArray(h) ? h : h } };
  },
  'hostile headers': (r, h) => ({
    ...r,
    headers: {
      ...r.headers,
      'idempotency-key': asText(h).slice(0, 300),
      'x-request-id': asText(h).slice(0, 300),
      accept: 'text/html',
    },
  }),
};

/** A hostile value as header or path text; JSON because `String()` throws on objects like `{"toString": 0}`. */
function asText(h: unknown): string {
  return typeof h === 'string' ? h : (JSON.stringify(h) ?? 'undefined');
}

function mutatedArb(op: Operation): fc.Arbitrary<Req> {
  return fc
    .tuple(validArb(op), fc.constantFrom(...Object.keys(MUTATIONS)), hostileValue, fc.nat())
    .map(([r, kind, h, n]) => (MUTATIONS[kind] as Mutation)(r, h, n));
}

// Lone surrogates cannot be percent-encoded; the replacement character keeps the case hostile but sendable.
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function toInject(op: Operation, r: Req, token: string): InjectOptions {
  const path = op.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    encodeURIComponent(wellFormed(String(r.params[name] ?? 'x'))),
  );
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query)) {
    for (const one of Array.isArray(v) ? v : [v])
      qs.append(k, typeof one === 'object' ? JSON.stringify(one) : String(one));
  }
  const sendsBody = op.body !== undefined || op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
  const payload = r.raw ?? (sendsBody ? JSON.stringify(r.body ?? {}) : undefined);
  return {
    method: op.method as 'GET',
    url: qs.size ? `${path}?${qs}` : path,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...r.headers,
    },
    ...(payload !== undefined ? { payload } : {}),
  };
}

const ajv = new Ajv({ strict: false, allErrors: false });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
const validators = new Map<object, ValidateFunction>();
function validator(schema: object): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v;
}

function responseSchema(route: Route | undefined, status: number): object | undefined {
  const response = route?.schema.response as Record<string, object> | undefined;
  return response?.[String(status)] ?? response?.[`${String(status)[0]}xx`] ?? response?.default;
}

/** [kind of problem, example]; kinds are counted per operation so one noisy route cannot hide the others. */
function check(req: InjectOptions, res: LightMyRequestResponse, label: string, route?: Route): [string, string] | null {
  const payload = typeof req.payload === 'string' ? ` body ${req.payload.slice(0, 160)}` : '';
  const example = `[${label}] ${req.url}${payload} → ${res.statusCode} ${res.body.slice(0, 160)}`;
  if (res.statusCode >= 500) return [`${res.statusCode}`, example];
  const leak = LEAKS.find((re) => re.test(res.body));
  if (leak) return [`leaks ${leak}`, example];
  if (!String(res.headers['content-type'] ?? '').includes('json')) return null;
  const schema = responseSchema(route, res.statusCode) ?? (res.statusCode >= 400 ? ErrorBody : undefined);
  if (!schema) return res.statusCode < 300 ? [`no response schema for ${res.statusCode}`, example] : null;
  const validate = validator(schema);
  return validate(res.json()) ? null : [`body breaks its schema: ${ajv.errorsText(validate.errors)}`, example];
}

describe(`fuzz every OpenAPI operation (fast-check seed ${SEED})`, () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp(HS_ENV);
    token = await adminToken(SUB);
  });
  afterAll(() => t.close());

  it(`${RUNS} valid and ${RUNS} mutated requests per operation: no 5xx, no leaks, bodies match their schemas`, {
    timeout: 170_000,
  }, async () => {
    process.stdout.write(`fuzz seed ${SEED} (set FUZZ_SEED to change)\n`);
    const ops = operations(t.app);
    expect(ops.length).toBeGreaterThan(3);
    const failures = new Map<string, { count: number; example: string }>();
    const stats: string[] = [];
    for (const [i, op] of ops.entries()) {
      const cases: [string, Req][] = [
        ...fc.sample(validArb(op), { numRuns: RUNS, seed: SEED + i }).map((r) => ['valid', r] as [string, Req]),
        ...fc
          .sample(mutatedArb(op), { numRuns: RUNS, seed: SEED + 10_000 + i })
          .map((r) => ['mutated', r] as [string, Req]),
        ...RAW_BODIES.map((raw) => ['raw', { params: {}, query: {}, headers: {}, raw }] as [string, Req]),
        ...NASTY_STRINGS.map(
          (s) => ['nasty query', { params: {}, query: { q: s, user_id: SUB }, headers: {} }] as [string, Req],
        ),
      ];
      const counts: Record<string, number> = {};
      const started = Date.now();
      for (let k = 0; k < cases.length; k += BATCH) {
        await Promise.all(
          cases.slice(k, k + BATCH).map(async ([label, r]) => {
            const req = toInject(op, r, token);
            const res = await t.app.inject(req);
            const bucket = `${label === 'valid' ? 'v' : 'm'}${String(res.statusCode)[0]}xx`;
            counts[bucket] = (counts[bucket] ?? 0) + 1;
            const problem = check(req, res, label, op.route);
            if (problem) {
              const key = `${op.method} ${op.url}: ${problem[0]}`;
              const seen = failures.get(key);
              failures.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? problem[1] });
            }
          }),
        );
      }
      stats.push(`${op.method} ${op.url}: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    }
    process.stdout.write(`fuzzed ${ops.length} operations\n${stats.join('\n')}\n`);
    expect([...failures].map(([key, f]) => `${key} ×${f.count}, e.g. ${f.example}`)).toEqual([]);
  });
});
