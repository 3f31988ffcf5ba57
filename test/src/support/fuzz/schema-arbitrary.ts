import fc from 'fast-check';

/** The JSON Schema subset `z.toJSONSchema` writes into the OpenAPI document. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/**
 * Every URL a fuzzed request carries points at loopback (a discard port): the gateway may register or call it
 * (webhooks, callback_url, a provider's base_url), and nothing may leave the machine.
 */
export const LOOPBACK_URL = fc
  .tuple(fc.constantFrom('http', 'https'), fc.constantFrom('127.0.0.1', '[::1]', 'localhost'), fc.webPath())
  .map(([scheme, host, path]) => `${scheme}://${host}:9${path}`);

const boundedString = (s: JsonSchema) =>
  fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40), unit: 'grapheme' });

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uri') return LOOPBACK_URL;
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.pattern) {
    try {
      return fc.oneof(fc.stringMatching(new RegExp(s.pattern, 'u')), boundedString(s));
    } catch {
      return boundedString(s);
    }
  }
  return boundedString(s);
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -1_000_000 : s.exclusiveMinimum + 1);
  const max = s.maximum ?? (s.exclusiveMaximum === undefined ? 1_000_000 : s.exclusiveMaximum - 1);
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
}

/** Values the schema accepts, mostly; a pattern or format it cannot honour makes a value it may refuse. */
export function fitting(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fitting(a, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fitting(s.items, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object':
      return objectOf(s, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const entries = Object.entries(props).map(([name, schema]) => {
    const value = fitting(schema, depth + 1);
    return [name, required.has(name) ? value : fc.option(value, { nil: undefined, freq: 2 })] as const;
  });
  return fc
    .record(Object.fromEntries(entries))
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

/** Strings no client should send: NUL, a lone surrogate, control characters, one far too long. */
export const NASTY_STRINGS = fc.oneof(
  fc.constant('a\u0000b'),
  fc.constant('\ud800'),
  fc.constant('x\udfffy'),
  fc.constant('\u202e\u0007\u001b[31m'),
  fc.constant('x'.repeat(70_000)),
  fc.constant('9'.repeat(400)),
  fc.constant('0x10'),
  fc.constant(''),
  fc.constant('../../etc/passwd'),
  fc.constant("' OR 1=1 --"),
  fc.constant('{"$gt":""}'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** A value of the wrong kind for whatever stands there. */
export const WRONG_VALUE: fc.Arbitrary<unknown> = fc.oneof(
  NASTY_STRINGS,
  fc.constantFrom(null, true, -1, 0, 1.5, 1e308, -0, [], {}, [[[[]]]], { a: { b: 1 } }, Number.MAX_SAFE_INTEGER + 2),
  fc.constant(nest(500)),
);

/** An array nested `depth` deep. */
export function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

export type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; path: number; value: unknown }
  | { kind: 'extra-key'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown };

export const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), path: fc.nat(50), value: WRONG_VALUE }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra-key' as const),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'merchant_id', 'id', 'status'), fc.string()),
      value: WRONG_VALUE,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: WRONG_VALUE }) },
);

/** Applies the mutation to a copy: `replace` picks the n-th leaf (modulo their number), anywhere in the value. */
export function mutate(value: unknown, m: Mutation): unknown {
  if (m.kind === 'none') return value;
  if (m.kind === 'whole') return m.value;
  const copy = structuredClone(value);
  if (m.kind === 'extra-key') {
    if (copy && typeof copy === 'object' && !Array.isArray(copy)) {
      Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
    return { [m.key]: m.value };
  }
  const leaves: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      leaves.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
      walk(child);
    }
  };
  walk(copy);
  const leaf = leaves[m.path % Math.max(leaves.length, 1)];
  if (!leaf) return m.value;
  (leaf[0] as Record<string | number, unknown>)[leaf[1]] = m.value;
  return copy;
}
