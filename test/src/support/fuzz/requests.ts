import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { SentRequest } from './oracle.js';
import { fitting, type JsonSchema, MUTATION, mutate, NASTY_STRINGS } from './schema-arbitrary.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** The statuses an operation documents as a page for people (a recipient's signed link), not a problem. */
const pageStatuses = (op: Operation): number[] =>
  Object.entries(op.responses ?? {}).flatMap(([status, r]) => (r.content?.['text/html'] ? [Number(status)] : []));

/** Whether the operation documents a body that is not JSON (raw bytes of its own kind). */
const takesAnyBody = (op: Operation): boolean =>
  op.requestBody !== undefined && op.requestBody.content['application/json'] === undefined;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** Credentials the fuzzer may present, and ids that exist, so requests reach past authentication and lookups. */
export interface FuzzWorld {
  credentials: Record<string, Record<string, string>>;
  ids: string[];
}

export interface Draft {
  method: string;
  template: string;
  caller: string;
  pathValues: string[];
  query: Array<[string, string]>;
  mustRefuse?: string;
  pages?: number[];
  /** The route takes bytes of its own kind (its OpenAPI body is not JSON): a non-JSON body is no 415 there. */
  anyBody?: boolean;
  body?: unknown;
  bodyBytes?: 'json' | 'huge' | 'deep' | 'not-json' | 'empty';
  contentType: string;
  encoding: 'none' | 'gzip' | 'br' | 'deflate' | 'gzip-raw' | 'br-raw' | 'deflate-raw' | 'bogus';
  extraHeaders: Record<string, string>;
}

const CONTENT_TYPES = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/merge-patch+json',
      'application/json; charset=latin1',
      'application/octet-stream',
      'nonsense',
      '',
    ),
  },
);

/** A query value: a fitting one, or a number spelled badly, or a nasty string. */
function queryValue(p: Parameter): fc.Arbitrary<{ value: string; malformedNumber: boolean }> {
  const likely = fitting(p.schema).map((v) => ({ value: String(v ?? ''), malformedNumber: false }));
  const numeric =
    JSON.stringify(p.schema ?? {}).includes('"number"') || JSON.stringify(p.schema ?? {}).includes('"integer"');
  return fc.oneof(
    { weight: 4, arbitrary: likely },
    { weight: 1, arbitrary: NASTY_STRINGS.map((value) => ({ value, malformedNumber: false })) },
    {
      weight: numeric ? 1 : 0,
      arbitrary: fc.constantFrom('', '0x10', '0b11', ' 5').map((value) => ({
        value,
        malformedNumber: true,
      })),
    },
  );
}

/** Requests of every operation in the document: mostly well formed, often broken on purpose in one place. */
export function requestArbitrary(doc: OpenApiDocument, world: FuzzWorld): fc.Arbitrary<Draft> {
  const operations = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ template, method, op })),
  );
  const pathValue = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...world.ids) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{2,4}_[0-9A-Z]{26}$/) },
    { weight: 1, arbitrary: NASTY_STRINGS.filter((s) => s.length < 2000) },
  );
  return fc.constantFrom(...operations).chain(({ template, method, op }) => {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const schema = op.requestBody?.content['application/json']?.schema;
    const queryEntries = queryParams.map((p) =>
      fc.option(
        queryValue(p).map((v) => ({ name: p.name, ...v })),
        { nil: undefined, freq: p.required ? 8 : 2 },
      ),
    );
    return fc
      .record({
        method: fc.constant(method),
        template: fc.constant(template),
        caller: fc.constantFrom(...Object.keys(world.credentials)),
        pathValues: fc.tuple(...pathParams.map(() => pathValue)),
        queryParts: fc.tuple(...queryEntries),
        extraQuery: fc.option(fc.tuple(fc.constantFrom('access_token', 'x', 'limit', '__proto__'), NASTY_STRINGS), {
          nil: undefined,
          freq: 6,
        }),
        body: schema ? fitting(schema) : fc.constant(undefined),
        mutation: MUTATION,
        bodyBytes: fc.constantFrom('json', 'json', 'json', 'json', 'huge', 'deep', 'not-json', 'empty'),
        contentType: CONTENT_TYPES,
        encoding: fc.oneof(
          { weight: 8, arbitrary: fc.constant('none' as const) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('gzip', 'br', 'deflate', 'gzip-raw', 'br-raw', 'deflate-raw', 'bogus'),
          },
        ),
        extraHeaders: fc.oneof(
          { weight: 5, arbitrary: fc.constant({}) },
          {
            weight: 1,
            arbitrary: fc.record({
              'idempotency-key': fc.oneof(fc.string({ maxLength: 300 }), fc.constant('k'.repeat(256))),
            }),
          },
          { weight: 1, arbitrary: fc.record({ origin: fc.constantFrom('https://evil.example', 'null') }) },
          { weight: 1, arbitrary: fc.record({ accept: fc.constantFrom('text/html', '*/*', 'application/xml') }) },
        ),
      })
      .map((d) => {
        const query: Array<[string, string]> = [];
        let mustRefuse: string | undefined;
        for (const q of d.queryParts) {
          if (!q) continue;
          query.push([q.name, q.value]);
          if (q.malformedNumber) mustRefuse = 'malformed query number refused';
        }
        if (d.extraQuery) query.push(d.extraQuery);
        return {
          method: d.method,
          template: d.template,
          caller: d.caller,
          pathValues: d.pathValues,
          query,
          ...(mustRefuse ? { mustRefuse } : {}),
          ...(pageStatuses(op).length ? { pages: pageStatuses(op) } : {}),
          ...(takesAnyBody(op) ? { anyBody: true } : {}),
          body:
            schema === undefined && d.mutation.kind === 'none' ? undefined : keepLoopback(mutate(d.body, d.mutation)),
          bodyBytes: d.bodyBytes as Draft['bodyBytes'],
          contentType: d.contentType,
          encoding: d.encoding,
          extraHeaders: d.extraHeaders as Record<string, string>,
        };
      });
  });
}

/** Any URL-looking value left pointing off the machine is pointed back at loopback. */
function keepLoopback(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!URL.canParse(value)) return value;
    const host = new URL(value).hostname;
    return ['127.0.0.1', '[::1]', 'localhost'].includes(host) ? value : 'http://127.0.0.1:9/fuzz';
  }
  if (Array.isArray(value)) return value.map(keepLoopback);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = keepLoopback(v);
  }
  return value;
}

/** Percent-encodes every UTF-16 unit as its UTF-8 bytes, lone surrogates included (as WTF-8), NUL as %00. */
function encodeComponent(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/^[A-Za-z0-9_.~-]$/.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0) as number;
      const bytes =
        code >= 0xd800 && code <= 0xdfff
          ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          : [...Buffer.from(ch, 'utf8')];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  }
  return out;
}

/** Turns a draft into the bytes and headers to send. */
export function materialise(d: Draft, world: FuzzWorld): SentRequest {
  let i = 0;
  const path =
    d.template.replace(/\{(\w+)\}/g, () => encodeComponent(d.pathValues[i++] ?? '')) +
    (d.query.length ? `?${d.query.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&')}` : '');
  const headers: Record<string, string> = { ...(world.credentials[d.caller] ?? {}), ...d.extraHeaders };
  let body: Buffer | undefined;
  if (d.method !== 'get') {
    body =
      d.bodyBytes === 'huge'
        ? Buffer.from(JSON.stringify({ pad: 'x'.repeat(70 * 1024) }))
        : d.bodyBytes === 'deep'
          ? Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`)
          : d.bodyBytes === 'not-json'
            ? Buffer.from('{"a": 1,,}')
            : d.bodyBytes === 'empty'
              ? Buffer.alloc(0)
              : Buffer.from(JSON.stringify(d.body ?? {}));
    if (d.contentType) headers['content-type'] = d.contentType;
  }
  let contentEncoding: string | undefined;
  if (body && d.encoding !== 'none') {
    contentEncoding = d.encoding === 'bogus' ? 'x-bogus' : d.encoding.replace('-raw', '');
    headers['content-encoding'] = contentEncoding;
    if (d.encoding === 'gzip') body = gzipSync(body);
    if (d.encoding === 'br') body = brotliCompressSync(body);
    if (d.encoding === 'deflate') body = deflateSync(body);
  }
  const takesJson = d.method !== 'get' && d.bodyBytes === 'json';
  const nonJson =
    !d.anyBody && !!body && body.length > 0 && takesJson && !/^application\/(.+\+)?json/.test(d.contentType);
  return {
    method: d.method.toUpperCase(),
    path,
    headers,
    ...(body ? { body } : {}),
    ...(contentEncoding ? { contentEncoding } : {}),
    ...(nonJson ? { nonJsonBody: true } : {}),
    ...(d.mustRefuse ? { mustRefuse: d.mustRefuse } : {}),
    ...(d.pages ? { pages: d.pages } : {}),
    text: `${d.method.toUpperCase()} ${path} ${JSON.stringify(d.body ?? null)}`,
  };
}
