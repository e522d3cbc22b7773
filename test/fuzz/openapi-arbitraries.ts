/**
 * Turns an OpenAPI document (the gateway's /docs-json) into fast-check arbitraries of hostile
 * HTTP requests, one arbitrary per route: path parameters, query strings, headers and JSON
 * bodies built from the route's own schemas. Most requests start from values the route accepts
 * and break one or two of them, so that validation past the first type check, the services and
 * Postgres are reached too; the rest are raw bodies (wrong content types and encodings, JSON
 * that is not an object, 2,000 levels of nesting, invalid JSON, bodies over the limit) and odd
 * Authorization headers (none, garbage, two of them).
 *
 * Values that depend on the running system (a refresh token, a job id) are drawn as a
 * {@link Pick} and resolved by the runner when it sends the request.
 */
import fc from 'fast-check';

// ----------------------------------------------------------------------------------------------
// The part of OpenAPI 3 the gateway's document uses

export interface Schema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One method and path of the document, its schemas resolved. */
export interface Route {
  /** `PUT /auth/users/{username}/role` */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the route takes one. */
  body?: Schema;
  /** Answers with a stream (text/event-stream): exempt from "no hang". */
  streams: boolean;
  /** The 502, 503 and 504 it documents: what an upstream it depends on (Kraken) may make it answer. */
  upstreamStatuses: number[];
}

/** Statuses that say an upstream failed, not the request nor the server: a route may document them. */
const UPSTREAM_STATUSES = [502, 503, 504];

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every route of the document, in its order. */
export function routesOf(doc: OpenApiDocument): Route[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => resolveSchema(doc, schema);
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const json = op.requestBody?.content?.['application/json']?.schema;
        const streams = Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
          body: resolve(json),
          streams,
          upstreamStatuses: UPSTREAM_STATUSES.filter((status) => String(status) in (op.responses ?? {})),
        };
      }),
  );
}

/** Follows `$ref` and single-entry `allOf` (how Nest's swagger writes a nested DTO), recursively. */
function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 10) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...rest, ...resolveSchema(doc, allOf[0], depth + 1) };
  }
  if (!schema.properties && !schema.items) return schema;
  return {
    ...schema,
    ...(schema.properties && {
      properties: Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, resolveSchema(doc, s, depth + 1) ?? {}])),
    }),
    ...(schema.items && { items: resolveSchema(doc, schema.items, depth + 1) }),
  };
}

// ----------------------------------------------------------------------------------------------
// Values

/** A value the runner fills in when it sends the request: a live refresh token, a job id it was given. */
export class Pick {
  constructor(readonly pool: string) {}
  toString(): string {
    return `<${this.pool}>`;
  }
}

/** JSON text written as it is: numbers JSON.stringify cannot write (1e400), nesting it would take long to build. */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string = text,
  ) {}
  toString(): string {
    return this.label;
  }
}

/** A JSON object as a list of entries, so that it can hold `__proto__` and the same key twice. */
export class JsonObject {
  constructor(readonly entries: [string, Json][]) {}
}

export type Json = null | boolean | number | string | Pick | RawJson | JsonObject | Json[];

/** JSON text of a value; Picks are resolved by `pick`. */
export function toJsonText(value: Json, pick: (p: Pick) => string): string {
  if (value instanceof Pick) return JSON.stringify(pick(value));
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v, pick)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v, pick)).join(',')}]`;
  // JSON.stringify writes NaN and ±Infinity as null; RawJson is how to send what JSON cannot hold.
  return JSON.stringify(value);
}

const nested = (depth: number, open: string, close: string, inner = '1') =>
  new RawJson(open.repeat(depth) + inner + close.repeat(depth), `${open}…${inner}…${close} ×${depth}`);

/** Strings every parser and every column should survive. */
export const HOSTILE_STRINGS: readonly string[] = [
  // empty, blank, words that mean something elsewhere
  '',
  ' ',
  '\t',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '[object Object]',
  // control characters
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  '\u007f',
  'line\nbreak',
  'carriage\rreturn',
  '\u001b[31mred',
  // numbers written as text
  '0',
  '-0',
  '-1',
  '1.5',
  '1e3',
  '1E3',
  '0x10',
  '0b11',
  '0o17',
  '+1',
  ' 1',
  '1 ',
  '1_000',
  '١٢٣',
  'NaN',
  'Infinity',
  '-Infinity',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '99999999999999999999999999999999',
  '1e309',
  '0.0000000000000000000000000001',
  // dates: impossible, zoneless, out of range, odd forms
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-01-32',
  '2024-01-31T24:00',
  '2024-01-31T23:60:00Z',
  '2024-01-31T12:00:60Z',
  '2024-01-31T12:00:00',
  '2024-01-31 12:00',
  '2024-01-31T12:00:00+99:99',
  '2024-01-31T12:00:00.1234567Z',
  '0000-01-01',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '10000-01-01',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '999999999999',
  '253402300800',
  '8640000000001',
  '2024-1-1',
  '2024/01/31',
  '31.01.2024',
  'yesterday',
  'Wed, 31 Jan 2024 12:00:00 GMT',
  // keys of Object.prototype
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  // injection and traversal
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '$1',
  '%',
  '%00',
  '%zz',
  '%E0%A4%A',
  '../../etc/passwd',
  '..',
  '.',
  '/',
  '\\',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'a'.repeat(65),
  // letters that change under case mapping or normalisation, invisible ones
  'ſol',
  'ſ',
  'İ',
  'ß',
  'ﬀ',
  'Ａ',
  'btc\u200b',
  '\u200b\u200c\u200d\u2060',
  '\ufeffBTC',
  '\u202eCTB',
  'e\u0301',
  '😀',
  '\ud800',
  '\udfff\ud800',
];

const CONTROL_CHAR = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constant('\u007f'),
);

/**
 * Long strings of one character: ASCII, one that changes under case mapping, a control character,
 * an invisible one. Short enough that a few of them in a query stay within the 16 KB Node allows
 * for a request line and its headers (a request beyond is a case of its own, OVERSIZED_QUERY).
 */
const longString = fc
  .tuple(fc.constantFrom('a', '1', 'ſ', '\u0000', '\u200b', '%'), fc.constantFrom(256, 2000))
  .map(([c, n]) => c.repeat(c === 'a' || c === '1' ? n : Math.min(n, 300)));

/** A query string beyond the 16 KB Node allows for a request line and its headers. */
export const OVERSIZED_QUERY: QueryPart = { raw: `pad=${'a'.repeat(17_000)}` };

/** Any hostile string, or a valid one with a control character slipped in. */
export function hostileString(validish?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const arbs: fc.MaybeWeightedArbitrary<string>[] = [
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: CONTROL_CHAR, minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: longString },
  ];
  if (validish) {
    arbs.push({
      weight: 3,
      arbitrary: fc
        .tuple(validish, CONTROL_CHAR, fc.nat())
        .map(([s, c, at]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1))),
    });
    arbs.push({ weight: 1, arbitrary: validish.map((s) => ` ${s} `) });
  }
  return fc.oneof(...arbs);
}

/** Numbers at and beyond a range, fractions, and what JSON numbers can write but JavaScript cannot hold. */
function hostileNumber(schema: Schema): fc.Arbitrary<Json> {
  const near = [schema.minimum, schema.maximum]
    .filter((n): n is number => n !== undefined)
    .flatMap((n) => [n - 1, n + 1, n - 0.5, n + 0.5, n * 10, -n]);
  return fc.oneof(
    fc.constantFrom<Json>(...near, 0, -1, -0, 0.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e308, -1e308, 5e-324),
    fc.constantFrom<Json>(
      new RawJson('1e400'),
      new RawJson('-1e400'),
      new RawJson('9223372036854775807'),
      new RawJson('123456789012345678901234567890'),
      new RawJson('1.0'),
      new RawJson('1E1'),
      new RawJson('-0.0'),
      new RawJson('1e-400'),
    ),
  );
}

/** Anything JSON can say, in the wrong place: other types, nesting, prototype keys. */
export function hostileJson(validish?: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const arbs: fc.MaybeWeightedArbitrary<Json>[] = [
    { weight: 3, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, [], new JsonObject([]), '') },
    { weight: 3, arbitrary: hostileString() },
    { weight: 2, arbitrary: hostileNumber({}) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Json>(
        new JsonObject([]),
        new JsonObject([['__proto__', new JsonObject([['isAdmin', true]])]]),
        new JsonObject([['constructor', new JsonObject([['prototype', new JsonObject([['role', 'admin']])]])]]),
        new JsonObject([['$gt', '']]),
        new JsonObject([['toString', 1]]),
        [null],
        [[]],
        new RawJson(JSON.stringify(Array.from({ length: 1000 }, (_, i) => i)), '[0, 1, …, 999]'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Json>(
        nested(50, '[', ']'),
        nested(2000, '[', ']'),
        nested(2000, '{"a":', '}'),
        nested(600, '[{"a":', '}]'),
      ),
    },
  ];
  const any = fc.oneof(...arbs);
  if (!validish) return any;
  return fc.oneof(
    { weight: 5, arbitrary: any },
    { weight: 1, arbitrary: validish.map((v) => [v]) },
    { weight: 1, arbitrary: validish.map((v) => [v, v]) },
    { weight: 1, arbitrary: validish.map((v) => new JsonObject([['value', v]])) },
  );
}

/** Keys a body or a query should refuse like any unknown field. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'role',
  'isAdmin',
  'id',
  '',
  ' ',
  'a\u0000b',
  'ſ',
];

// ----------------------------------------------------------------------------------------------
// Requests

/** Valid-ish values by name, for a field or parameter: `body:username`, `path:symbol`, or just `asset`. */
export type Hints = Record<string, fc.Arbitrary<Json>>;

export interface ArbitraryOptions {
  hints: Hints;
  /** The value of a field or parameter in the catalogue's valid request, by the same names as hints (else a sample of the hint). */
  baselines?: Record<string, Json>;
  /** A path value that must never be sent on this route (the users and assets the tests act as or rely on). */
  forbidden: (route: Route, param: string, value: string) => boolean;
}

/** Who sends the request: nobody, a user, an admin (the runner holds their tokens). */
export type Caller = 'anonymous' | 'user' | 'admin';

/** The caller's own `Bearer <token>`, where a header value holds it. */
export const CALLER_TOKEN = '<caller token>';

/** A path segment written as it is, percent signs included (`%E0%A4%A`, `..`). */
export class RawSegment {
  constructor(readonly text: string) {}
  toString(): string {
    return `raw(${this.text})`;
  }
}

export type QueryPart = { key: string; value: string | Pick } | { raw: string };

export type BodyCase =
  | { kind: 'json'; value: Json }
  | { kind: 'raw'; label: string; contentType?: string; contentEncoding?: string; text: string | Buffer | RawFromJson };

/** A raw body made from a JSON value (a valid body under the wrong content type). */
export class RawFromJson {
  constructor(readonly value: Json) {}
}

export interface FuzzRequest {
  route: Route;
  as: Caller;
  path: Record<string, string | Pick | RawSegment>;
  query: QueryPart[];
  /** Authorization header values in order; empty for none. */
  authorization: string[];
  headers: [string, string][];
  body?: BodyCase;
}

const ABSENT = Symbol('absent');
type Maybe<T> = T | typeof ABSENT;

function valueOfSchema(schema: Schema | undefined, options: ArbitraryOptions, depth: number): fc.Arbitrary<Json> {
  if (!schema) return fc.constant('x');
  if (schema.enum?.length) return fc.constantFrom(...(schema.enum as Json[]));
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? Math.max(min, 1000);
      const bounds = fc.constantFrom(min, max);
      const ints = Math.ceil(min) <= Math.floor(max) ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : bounds;
      if (schema.type === 'integer') return fc.oneof(bounds, ints);
      // a number: whole ones too, where the range has any (a query's limit is a "number" in Nest's documents)
      return fc.oneof(bounds, ints, fc.double({ min, max, noNaN: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueOfSchema(schema.items, options, depth + 1), { maxLength: 3 });
    case 'object':
      return schema.properties && depth < 4 ? objectOf(schema, 'body', options, depth + 1) : fc.constant(new JsonObject([]));
    default: {
      if (typeof schema.example === 'string') return fc.constant(schema.example);
      const minLength = schema.minLength ?? 1;
      return fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.min(schema.maxLength ?? 24, minLength + 24) });
    }
  }
}

function validish(name: string, where: string, schema: Schema | undefined, options: ArbitraryOptions, depth = 0): fc.Arbitrary<Json> {
  return options.hints[`${where}:${name}`] ?? options.hints[name] ?? valueOfSchema(schema, options, depth);
}

/** What a field of this schema should never be given: its own kind broken, or another kind. */
function hostileFor(schema: Schema | undefined, valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const strings = valid.map(textOf);
  const sameKind =
    schema?.type === 'integer' || schema?.type === 'number'
      ? hostileNumber(schema)
      : schema?.type === 'object'
        ? hostileJson()
        : hostileString(strings);
  return fc.oneof({ weight: 3, arbitrary: sameKind }, { weight: 2, arbitrary: hostileJson(valid) });
}

/** An object for a schema: every field valid-ish, then up to three of them broken, dropped or doubled, and maybe a key it does not know. */
function objectOf(schema: Schema, where: string, options: ArbitraryOptions, depth = 0): fc.Arbitrary<JsonObject> {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return fc.constant(new JsonObject([]));
  const required = new Set(schema.required ?? []);
  const valids = props.map(([name, s]) => validish(name, where, s, options, depth));
  const fields = fc.tuple(
    ...props.map(([name], i) => fc.option(valids[i], { freq: required.has(name) ? 20 : 3, nil: ABSENT }) as fc.Arbitrary<Maybe<Json>>),
  );
  const mutation = fc.oneof(
    ...props.map(([name, s], i) =>
      fc.tuple(
        fc.constant(name),
        fc.oneof({ weight: 8, arbitrary: hostileFor(s, valids[i]) }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
      ),
    ),
  ) as fc.Arbitrary<[string, Maybe<Json>]>;
  const mutations = fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as [string, Maybe<Json>][]) },
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
  );
  const extraKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...props.map(([name]) => name)));
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as [string, Json][]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, hostileJson()), { minLength: 1, maxLength: 2 }) },
  );
  return fc.tuple(fields, mutations, extras).map(([values, changes, extra]) => {
    const entries = new Map<string, Maybe<Json>>(props.map(([name], i) => [name, values[i]]));
    for (const [name, value] of changes) entries.set(name, value);
    const kept = [...entries].filter((e): e is [string, Json] => e[1] !== ABSENT);
    return new JsonObject([...kept, ...extra]);
  });
}

/** A value as text, a Pick by its name, to break it as a string. */
const textOf = (value: Json): string => {
  const text = asText(value);
  return text instanceof Pick ? String(text) : text;
};

/** A value as it goes in a query string or a path. */
function asText(value: Json): string | Pick {
  if (value instanceof Pick) return value;
  if (typeof value === 'string') return value;
  if (value instanceof RawJson) return value.text;
  return toJsonText(value, String);
}

function queryOf(route: Route, options: ArbitraryOptions): fc.Arbitrary<QueryPart[]> {
  const params = route.parameters.filter((p) => p.in === 'query');
  const pair = (key: string, value: string | Pick): QueryPart => ({ key, value });
  const perParam = params.map((p) => {
    const valid = validish(p.name, 'query', p.schema, options).map(asText);
    const hostile = hostileFor(p.schema, validish(p.name, 'query', p.schema, options)).map(asText);
    return fc.oneof(
      { weight: 3, arbitrary: valid.map((v) => [pair(p.name, v)]) },
      { weight: p.required ? 1 : 3, arbitrary: fc.constant([] as QueryPart[]) },
      { weight: 3, arbitrary: hostile.map((v) => [pair(p.name, v)]) },
      // an array where a scalar belongs: the key twice, or in brackets
      { weight: 1, arbitrary: fc.tuple(valid, hostile).map(([a, b]) => [pair(p.name, a), pair(p.name, b)]) },
      { weight: 1, arbitrary: valid.map((v) => [pair(`${p.name}[]`, v)]) },
      { weight: 1, arbitrary: valid.map((v) => [pair(`${p.name}[__proto__]`, v)]) },
    );
  });
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant([] as QueryPart[]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileString()).map(([k, v]) => [pair(k, v)]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<QueryPart[]>(
        [{ raw: '%' }],
        [{ raw: '%zz=1' }],
        [{ raw: '&&&' }],
        [{ raw: 'a=%E0%A4%A' }],
        [OVERSIZED_QUERY],
      ),
    },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([parts, more]) => [...parts.flat(), ...more]);
}

function pathOf(route: Route, options: ArbitraryOptions): fc.Arbitrary<Record<string, string | Pick | RawSegment>> {
  const params = route.parameters.filter((p) => p.in === 'path');
  const model = Object.fromEntries(
    params.map((p) => {
      const valid = validish(p.name, 'path', p.schema, options).map(asText);
      const value = fc
        .oneof(
          { weight: 4, arbitrary: valid },
          { weight: 4, arbitrary: hostileString(valid.map((v) => (v instanceof Pick ? String(v) : v))) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(new RawSegment('%'), new RawSegment('%E0%A4%A'), new RawSegment('%2e%2e'), new RawSegment('a%2Fb')),
          },
        )
        .filter((v) => typeof v !== 'string' || !options.forbidden(route, p.name, v));
      return [p.name, value];
    }),
  );
  return fc.record(model) as fc.Arbitrary<Record<string, string | Pick | RawSegment>>;
}

/**
 * A header value Node's client can send: UTF-8 bytes as Latin-1 characters (what a client sending
 * UTF-8 puts on the wire), without the control characters no client can send (all but tab).
 */
const asHeader = (s: string) =>
  [...Buffer.from(s, 'utf8').toString('latin1')].filter((c) => c === '\t' || (c >= ' ' && c !== '\u007f')).join('');

function headersOf(route: Route, options: ArbitraryOptions): fc.Arbitrary<[string, string][]> {
  const params = route.parameters.filter((p) => p.in === 'header');
  const perParam = params.map((p) => {
    const valid = validish(p.name, 'header', p.schema, options).map((v) => asHeader(textOf(v)));
    const hostile = hostileString(valid).map(asHeader);
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as [string, string][]) },
      { weight: 1, arbitrary: valid.map((v) => [[p.name, v]] as [string, string][]) },
      { weight: 2, arbitrary: hostile.map((v) => [[p.name, v]] as [string, string][]) },
    );
  });
  return fc.tuple(...perParam).map((h) => h.flat());
}

const FORGED_JWT = [
  Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"00000000-0000-0000-0000-000000000000","role":"admin","exp":9999999999}').toString('base64url'),
  '',
].join('.');

/** The caller's own bearer token, mostly; sometimes none, garbage, or two Authorization headers. */
const authorizationOf: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 14, arbitrary: fc.constant<string[]>([CALLER_TOKEN]) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string[]>(
      [CALLER_TOKEN, CALLER_TOKEN],
      [CALLER_TOKEN, 'Bearer garbage'],
      ['Bearer garbage', CALLER_TOKEN],
      [CALLER_TOKEN, ''],
      ['Basic YWRtaW46YWRtaW4=', CALLER_TOKEN],
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string[]>(
      [],
      ['Bearer'],
      ['Bearer '],
      ['bearer garbage'],
      ['Bearer a.b.c'],
      [`Bearer ${FORGED_JWT}`],
      [`Bearer ${'a'.repeat(2000)}`],
      ['Basic YWRtaW46YWRtaW4='],
      ['Bearer \u00ff\u00fe'],
      ['Token abc'],
    ),
  },
);

const RAW_JSON_BODIES: readonly [string, string][] = [
  ['empty', ''],
  ['blank', '  '],
  ['null', 'null'],
  ['string', '"x"'],
  ['number', '123'],
  ['true', 'true'],
  ['array', '[]'],
  ['array of object', '[{}]'],
  ['invalid JSON', '{"username": '],
  ['single quotes', "{'a': 1}"],
  ['trailing comma', '{"a": 1,}'],
  ['NaN literal', '{"a": NaN}'],
  ['comment', '{"a": 1 /* c */}'],
  ['two documents', '{}{}'],
  ['BOM', '\ufeff{}'],
  ['NUL byte', '{"a":"\u0000"}'],
  ['lone surrogate escape', '{"a":"\\ud800"}'],
  ['nested arrays ×2000', '['.repeat(2000) + ']'.repeat(2000)],
  ['nested objects ×2000', '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)],
  ['nested in a field ×2000', `{"a":${'['.repeat(2000)}${']'.repeat(2000)}}`],
  ['__proto__ key', '{"__proto__": {"role": "admin"}}'],
  ['constructor.prototype', '{"constructor": {"prototype": {"role": "admin"}}}'],
  ['duplicate keys', '{"a": 1, "a": 2}'],
  ['huge number', '{"a": 1e400}'],
  ['over the body limit', JSON.stringify({ a: 'x'.repeat(20_000) })],
  ['far over the body limit', JSON.stringify({ a: 'x'.repeat(300_000) })],
];

const WRONG_CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=koi8-r',
  'application/json; charset=nonsense',
  'application/json;charset="utf-8"',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/json',
  'application/json, text/plain',
  '*/*',
  '',
];

function rawBodyOf(valid: fc.Arbitrary<Json>): fc.Arbitrary<BodyCase> {
  return fc.oneof(
    fc.constantFrom(...RAW_JSON_BODIES).map(([label, text]): BodyCase => ({ kind: 'raw', label, contentType: 'application/json', text })),
    fc.tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), valid).map(([contentType, value]): BodyCase => ({
      kind: 'raw',
      label: `content-type ${contentType ?? '(none)'}`,
      ...(contentType !== undefined && { contentType }),
      text: new RawFromJson(value),
    })),
    fc.constantFrom<BodyCase>(
      { kind: 'raw', label: 'form body', contentType: 'application/x-www-form-urlencoded', text: 'username=admin&password=x&role=admin' },
      { kind: 'raw', label: 'binary body', contentType: 'application/json', text: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x7d]) },
      { kind: 'raw', label: 'latin-1 bytes', contentType: 'application/json', text: Buffer.from('{"a":"\xe9"}', 'latin1') },
    ),
    fc
      .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'identity', 'x-unknown', 'gzip, gzip'), valid)
      .map(([contentEncoding, value]): BodyCase => ({
        kind: 'raw',
        label: `content-encoding ${contentEncoding}`,
        contentType: 'application/json',
        contentEncoding,
        text: new RawFromJson(value),
      })),
  );
}

/** Every request the fuzzer may send to one route. */
export function requestsFor(route: Route, options: ArbitraryOptions): fc.Arbitrary<FuzzRequest> {
  const validBody: fc.Arbitrary<Json> = route.body ? objectOf(route.body, 'body', options) : fc.constant(new JsonObject([]));
  const body: fc.Arbitrary<BodyCase | undefined> = route.body
    ? fc.oneof(
        { weight: 7, arbitrary: validBody.map((value): BodyCase => ({ kind: 'json', value })) },
        { weight: 1, arbitrary: hostileJson().map((value): BodyCase => ({ kind: 'json', value })) },
        { weight: 2, arbitrary: rawBodyOf(validBody) },
      )
    : fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: rawBodyOf(validBody) });
  return fc.record({
    route: fc.constant(route),
    as: fc.oneof(
      { weight: 2, arbitrary: fc.constant<Caller>('anonymous') },
      { weight: 4, arbitrary: fc.constant<Caller>('user') },
      { weight: 6, arbitrary: fc.constant<Caller>('admin') },
    ),
    path: pathOf(route, options),
    query: queryOf(route, options),
    authorization: authorizationOf,
    headers: headersOf(route, options),
    body,
  }) as fc.Arbitrary<FuzzRequest>;
}

// ----------------------------------------------------------------------------------------------
// A fixed catalogue per route, sent before the random requests: every class of hostile input
// above at least once on every route, each in an otherwise valid request of an admin.

const sampleOf = <T>(arb: fc.Arbitrary<T>): T => fc.sample(arb, { seed: 42, numRuns: 1 })[0];

function validValue(name: string, where: string, schema: Schema | undefined, options: ArbitraryOptions): Json {
  const baseline = options.baselines?.[`${where}:${name}`] ?? options.baselines?.[name];
  if (baseline !== undefined) return baseline;
  const hint = options.hints[`${where}:${name}`] ?? options.hints[name];
  if (hint) return sampleOf(hint);
  if (schema?.type === 'object' && schema.properties) return validObject(schema, options);
  return sampleOf(valueOfSchema(schema, options, 9));
}

function validObject(schema: Schema, options: ArbitraryOptions): JsonObject {
  return new JsonObject(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, validValue(name, 'body', s, options)]));
}

/** What every body field is given once. */
const FIELD_PROBES: readonly Json[] = [
  null,
  '\u0000',
  'a\u0000b',
  '',
  new JsonObject([]),
  new RawJson('1e400'),
  new RawJson('9223372036854775807'),
  2 ** 63,
  -1,
  1.5,
  '9223372036854775807',
  '2024-02-30',
  'ſol',
  '\udfff\ud800',
  'x'.repeat(5000),
  nested(2000, '[', ']'),
];

/** What every query parameter is given once. */
const QUERY_PROBES: readonly string[] = [
  '',
  '\u0000',
  'a\u0000b',
  '9223372036854775807',
  '-1',
  '0x10',
  '1e3',
  '+1',
  ' 1',
  'NaN',
  'Infinity',
  '2024-02-30',
  '2024-01-31T24:00',
  '2024-01-31T12:00:00',
  '10000-01-01',
  '999999999999',
  'ſol',
  'x'.repeat(2000),
];

/** What every path parameter is given once (besides the route's own probes). */
const PATH_PROBES: readonly (string | RawSegment)[] = [
  '\u0000',
  'a\u0000b',
  'ſol',
  'İ',
  ' ',
  '9223372036854775807',
  '__proto__',
  'constructor',
  'x'.repeat(300),
  new RawSegment('%E0%A4%A'),
  new RawSegment('%2e%2e'),
];

/** Bodies sent to routes that take none (the body parser runs for every route). */
const BODYLESS_RAW = new Set(['invalid JSON', 'null', 'nested arrays ×2000', 'nested in a field ×2000', 'over the body limit']);

/** The catalogue of one route; `probes` adds values for named parameters (BullMQ's own key names for a job id). */
export function examplesFor(route: Route, options: ArbitraryOptions, probes: Record<string, readonly string[]> = {}): FuzzRequest[] {
  const pathParams = route.parameters.filter((p) => p.in === 'path');
  const queryParams = route.parameters.filter((p) => p.in === 'query');
  const path = Object.fromEntries(
    pathParams.map((p) => {
      const v = validValue(p.name, 'path', p.schema, options);
      if (v instanceof Pick) return [p.name, v];
      const text = String(asText(v));
      return [p.name, options.forbidden(route, p.name, text) ? 'nobody0' : text];
    }),
  );
  const query: QueryPart[] = queryParams.map((p) => ({ key: p.name, value: asText(validValue(p.name, 'query', p.schema, options)) }));
  const body: BodyCase | undefined = route.body ? { kind: 'json', value: validObject(route.body, options) } : undefined;
  const base: FuzzRequest = { route, as: 'admin', path, query, authorization: [CALLER_TOKEN], headers: [], body };
  const bodyText = route.body ? validObject(route.body, options) : new JsonObject([]);
  const out: FuzzRequest[] = [base, { ...base, as: 'user' }, { ...base, as: 'anonymous' }];

  for (const authorization of [
    [CALLER_TOKEN, CALLER_TOKEN],
    [CALLER_TOKEN, 'Bearer garbage'],
    ['Bearer garbage', CALLER_TOKEN],
  ]) {
    out.push({ ...base, authorization });
  }
  for (const [label, text] of RAW_JSON_BODIES) {
    if (route.body || BODYLESS_RAW.has(label)) out.push({ ...base, body: { kind: 'raw', label, contentType: 'application/json', text } });
  }
  for (const contentType of route.body ? WRONG_CONTENT_TYPES : ['text/plain', 'application/json; charset=latin1']) {
    const raw: BodyCase = { kind: 'raw', label: `content-type ${contentType ?? '(none)'}`, text: new RawFromJson(bodyText) };
    out.push({ ...base, body: contentType === undefined ? raw : { ...raw, contentType } });
  }
  for (const contentEncoding of route.body ? ['gzip', 'deflate', 'br', 'compress', 'x-unknown'] : ['gzip']) {
    const text = new RawFromJson(bodyText);
    out.push({
      ...base,
      body: { kind: 'raw', label: `content-encoding ${contentEncoding}`, contentType: 'application/json', contentEncoding, text },
    });
  }

  if (route.body) {
    const entries = (base.body as { value: JsonObject }).value.entries;
    for (const i of entries.keys()) {
      const without = entries.filter((_, j) => j !== i);
      out.push({ ...base, body: { kind: 'json', value: new JsonObject(without) } });
      for (const probe of FIELD_PROBES) {
        const changed = entries.map(([k, v], j): [string, Json] => [k, j === i ? probe : v]);
        out.push({ ...base, body: { kind: 'json', value: new JsonObject(changed) } });
      }
    }
    for (const key of ['__proto__', 'constructor', 'toString', 'role']) {
      const extra: Json = key === 'role' ? 'admin' : new JsonObject([['role', 'admin']]);
      out.push({ ...base, body: { kind: 'json', value: new JsonObject([...entries, [key, extra]]) } });
    }
    for (const value of [null, '"x"', 123, [], [new JsonObject(entries)]] as Json[]) {
      out.push({ ...base, body: { kind: 'json', value: typeof value === 'string' ? new RawJson(value) : value } });
    }
  }

  for (const [i, p] of queryParams.entries()) {
    const replace = (parts: QueryPart[]) => [...query.slice(0, i), ...parts, ...query.slice(i + 1)];
    for (const probe of [...QUERY_PROBES, ...(probes[p.name] ?? [])])
      out.push({ ...base, query: replace([{ key: p.name, value: probe }]) });
    const valid = query[i] as { key: string; value: string | Pick };
    out.push({ ...base, query: replace([valid, valid]) });
    out.push({ ...base, query: replace([{ key: `${p.name}[]`, value: valid.value }]) });
    out.push({ ...base, query: replace([{ key: `${p.name}[a]`, value: valid.value }]) });
    // UTF-8 bytes of a lone surrogate: what decodeURIComponent refuses
    out.push({ ...base, query: replace([{ raw: `${p.name}=%ED%A0%80` }]) });
  }
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
    out.push({ ...base, query: [...query, { key, value: 'x' }] });
  out.push({ ...base, query: [...query, { raw: '%zz=1' }] });
  out.push({ ...base, query: [...query, OVERSIZED_QUERY] });

  for (const p of pathParams) {
    for (const probe of [...PATH_PROBES, ...(probes[p.name] ?? [])]) {
      if (typeof probe === 'string' && options.forbidden(route, p.name, probe)) continue;
      out.push({ ...base, path: { ...path, [p.name]: probe } });
    }
  }
  return out;
}
