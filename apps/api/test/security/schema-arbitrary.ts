import fc from 'fast-check';

/** A JSON Schema / OpenAPI 3.0 schema as @fastify/swagger emits it (only the keywords the generator reads). */
export interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
}

/** Hostile but well-formed text: SQL, markup, unicode edge cases, path tricks. */
export const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE profiles; --",
  '1 UNION SELECT password FROM users',
  '"); SELECT pg_sleep(5); --',
  '%27%20OR%201=1',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal log4shell probe, not a template
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\u0000',
  '\uD83D\uDE00\u200B\u202E\uFEFF',
  'ﷺ𒐫𝕏 Zalgơ̸͙',
  '\uD800',
  ' ',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
];

export const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 2 ** 64, Number.MIN_VALUE, -1, 0, 1.5];

function bounded(arb: fc.Arbitrary<string>, s: Schema): fc.Arbitrary<string> {
  return arb.filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 10_000));
}

function stringArb(s: Schema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'email':
      return bounded(fc.emailAddress(), s);
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'uri':
      return bounded(fc.webUrl(), s);
  }
  if (s.pattern) return bounded(fc.stringMatching(new RegExp(s.pattern)), s);
  const max = Math.min(s.maxLength ?? 64, 64);
  const min = s.minLength ?? 0;
  return fc
    .oneof(
      { arbitrary: fc.string({ minLength: min, maxLength: max }), weight: 3 },
      { arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }), weight: 2 },
      { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 1 },
    )
    .filter((v) => v.length >= min && v.length <= (s.maxLength ?? 10_000));
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const min = s.minimum ?? exMin ?? (integer ? -1_000_000 : -1e9);
  const max = s.maximum ?? exMax ?? (integer ? 1_000_000 : 1e9);
  const arb = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return arb.filter(
    (v) =>
      (exMin === undefined || v > exMin) &&
      (exMax === undefined || v < exMax) &&
      (s.exclusiveMinimum !== true || v > min) &&
      (s.exclusiveMaximum !== true || v < max) &&
      (!s.multipleOf || Number.isInteger(v / s.multipleOf)),
  );
}

/**
 * Values valid against `s`. `fixed` pins properties by name (the caller's own user id, so identity hints never
 * turn a valid request into a 403).
 */
export function valueArb(s: Schema, fixed: Record<string, unknown> = {}, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueArb(v, fixed, depth)));
  if (s.allOf) return valueArb(Object.assign({}, ...s.allOf), fixed, depth);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => valueArb({ ...s, type }, fixed, depth)));
  const base = typedArb(s, fixed, depth);
  return s.nullable ? fc.option(base, { nil: null }) : base;
}

function typedArb(s: Schema, fixed: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? valueArb(s.items, fixed, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) };
      return s.uniqueItems
        ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) })
        : fc.array(item, constraints);
    }
    case 'object':
      return objectArb(s, fixed, depth);
    default:
      return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(s: Schema, fixed: Record<string, unknown>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of Object.entries(props)) {
    model[name] = name in fixed ? fc.constant(fixed[name]) : valueArb(schema, fixed, depth + 1);
  }
  const record = fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
  if (s.additionalProperties !== true || depth > 1) return record as fc.Arbitrary<Record<string, unknown>>;
  return fc
    .tuple(
      record,
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    )
    .map(([r, extra]) => ({ ...extra, ...r }));
}

/** Values that break `s`: wrong types, out-of-range numbers, hostile strings, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HUGE_NUMBERS, ...NASTY_STRINGS, null, true, [], {}, 'x'.repeat(5000)),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1}}')),
  fc.constant({ constructor: { prototype: { polluted: 1 } } }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
