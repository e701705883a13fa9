/**
 * The API sweep, driven by the OpenAPI document: for every operation it builds requests from the
 * declared parameters and body schema, each time poisoning every value with one kind of bad input
 * (NUL, lone surrogate, impossible dates, wrong types, huge strings, empty and huge lists, bad
 * uuids, a garbage or bomb upload), plus one plausible request with real ids. A route added to
 * the document is swept without touching this file.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
};

interface Parameter { in: 'path' | 'query' | 'header' | 'cookie'; name: string; schema?: Schema; required?: boolean }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; consumes?: string[] }
export interface OpenApi { paths: Record<string, Record<string, Operation>> }

/** One kind of bad input: how it turns a string/number/… of the schema into the value sent. */
export type Poison = 'plausible' | 'nul' | 'surrogate' | 'dates' | 'wrong-types' | 'huge' | 'empty-lists' | 'huge-lists' | 'extremes';
export const POISONS: Poison[] = ['plausible', 'nul', 'surrogate', 'dates', 'wrong-types', 'huge', 'empty-lists', 'huge-lists', 'extremes'];
/**
 * The poisons whose answer can depend on the caller's role (they pass validation and reach the
 * handler's permission and query code); the others are refused by the schema for every role alike.
 */
export const ROLE_POISONS: Poison[] = ['plausible', 'dates', 'empty-lists', 'extremes'];

export interface SweepContext {
  /** Real ids by noun (`plan`, `region`, …), collected from list responses. */
  ids: Map<string, string[]>;
}

const HUGE = 'x'.repeat(100_000);
const STRING_CANDIDATES = ['sweep', 'sweep-1', '2026-01', '2026-01-15', 'https://example.com/sweep', 'a1', '12345'];

function pick<T>(list: T[], seed: number): T {
  return list[Math.abs(seed) % list.length];
}

function nounOf(name: string): string {
  return name.replace(/Ids?$/, '').replace(/_id$/, '').toLowerCase();
}

function realId(ctx: SweepContext, name: string): string {
  const list = ctx.ids.get(nounOf(name));
  return list?.length ? list[0] : randomUUID();
}

function plausibleString(s: Schema, name: string, ctx: SweepContext): string {
  if (s.format === 'uuid') return realId(ctx, name);
  if (s.format === 'date') return '2026-03-02';
  if (s.format === 'date-time') return '2026-03-02T08:00:00Z';
  if (s.format === 'email') return 'sweep@example.com';
  if (s.format === 'uri') return 'https://example.com/sweep';
  const re = s.pattern ? new RegExp(s.pattern) : null;
  const fit = STRING_CANDIDATES.find((c) => (!re || re.test(c)) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity));
  return fit ?? 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

/** A value for `schema` with `poison` applied to every leaf. */
export function valueFor(schema: Schema | undefined, poison: Poison, ctx: SweepContext, name = '', depth = 0): unknown {
  const s = schema ?? {};
  if (depth > 8) return null;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) {
    const nonNull = alt.filter((a) => a.type !== 'null');
    return valueFor(nonNull[0] ?? alt[0], poison, ctx, name, depth + 1);
  }
  if (s.allOf?.length) return valueFor(Object.assign({}, ...s.allOf), poison, ctx, name, depth + 1);
  if (s.const !== undefined) return poison === 'wrong-types' ? 12345 : s.const;
  const type = typeOf(s) ?? (s.properties ? 'object' : s.enum ? typeof s.enum[0] : undefined);
  if (s.enum?.length) {
    if (poison === 'nul' && type === 'string') return `${s.enum[0]}\u0000`;
    if (poison === 'surrogate' && type === 'string') return `${s.enum[0]}\ud800`;
    return poison === 'wrong-types' ? { nested: ['x'] } : s.enum[0];
  }
  switch (type) {
    case 'object': {
      if (poison === 'wrong-types' && depth > 0) return 'not-an-object';
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) out[k] = valueFor(p, poison, ctx, k, depth + 1);
      return out;
    }
    case 'array': {
      if (poison === 'wrong-types') return 'not-an-array';
      if (poison === 'empty-lists') return [];
      // Only the outermost lists grow (nested huge lists would multiply into millions of values).
      const item = valueFor(s.items, poison === 'huge-lists' ? 'plausible' : poison, ctx, name, depth + 1);
      if (poison === 'huge-lists') return Array.from({ length: 5_000 }, () => item);
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number': {
      if (poison === 'wrong-types') return 'NaN-string';
      if (poison === 'extremes') return type === 'integer' ? Number.MAX_SAFE_INTEGER : 1e308;
      const lo = s.minimum ?? 1;
      const value = name === 'year' ? 2026 : Math.max(lo, Math.min(s.maximum ?? 5, 5));
      return s.maximum !== undefined && value > s.maximum ? s.maximum : value;
    }
    case 'boolean':
      return poison === 'wrong-types' ? 'maybe' : true;
    case 'null':
      return null;
    case 'string':
    default: {
      const plain = plausibleString(s, name, ctx);
      switch (poison) {
        case 'nul': return `${plain}\u0000`;
        case 'surrogate': return `${plain}\ud800`;
        case 'huge': return HUGE;
        case 'wrong-types': return { nested: ['x'] };
        case 'extremes': return s.format === 'uuid' ? '00000000-0000-0000-0000-000000000000' : `${plain}${'𠀀'.repeat(3)}`;
        case 'dates':
          if (s.format === 'date') return pick(['2026-02-30', '0000-01-01', '9999-12-31'], name.length);
          if (s.format === 'date-time') return '0000-01-01T00:00:00Z';
          if (s.pattern?.includes('\\d{4}')) return '0000-02-30';
          return plain;
        default: return plain;
      }
    }
  }
}

/** Query-string text for one value (lone surrogates go as the raw UTF-8 bytes of one: %ED%A0%80). */
function queryText(value: unknown): string {
  if (Array.isArray(value)) return value.map(queryText).join(',');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

function multipartBody(fields: Record<string, unknown>, file: { name: string; data: Buffer }) {
  const boundary = `----sweep${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || typeof v === 'object') continue;
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
  chunks.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface SweepRequest {
  label: string;
  options: InjectOptions;
}

/** Upload bodies every POST/PUT also receives as multipart: garbage, and whatever `uploads` adds (bombs). */
export interface SweepUpload { name: string; data: Buffer }

/** The requests for one operation: one per poison, plus bad path ids and multipart uploads. */
export function requestsFor(method: string, path: string, op: Operation, ctx: SweepContext, uploads: SweepUpload[], poisons: Poison[] = POISONS, edge = true): SweepRequest[] {
  const out: SweepRequest[] = [];
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const noun = (() => {
    const segs = path.split('/').filter(Boolean);
    const i = segs.findIndex((s) => s.startsWith('{'));
    return i > 0 ? segs[i - 1].replace(/s$/, '').replace(/-/g, '') : '';
  })();
  const fill = (poison: Poison, badId?: string) =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (badId !== undefined) return badId;
      const schema = pathParams.find((p) => p.name === name)?.schema;
      const v = schema?.format === 'uuid' && poison !== 'extremes' ? (ctx.ids.get(noun)?.[0] ?? randomUUID()) : valueFor(schema, poison, ctx, name);
      return queryText(v);
    });
  const json = op.requestBody?.content?.['application/json']?.schema;
  const multipartSchema = op.requestBody?.content?.['multipart/form-data']?.schema;
  const writes = method !== 'GET' && method !== 'DELETE' && method !== 'HEAD';
  for (const poison of poisons) {
    const qs = queryParams
      .map((p) => [p.name, valueFor(p.schema, poison, ctx, p.name)] as const)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${queryText(v)}`)
      .join('&');
    const url = fill(poison) + (qs ? `?${qs}` : '');
    const options: InjectOptions = { method: method as InjectOptions['method'], url };
    if (json) options.payload = valueFor(json, poison, ctx) as InjectOptions['payload'];
    out.push({ label: poison, options });
  }
  if (edge && pathParams.length) {
    for (const bad of ['not-a-uuid', '%00', '%ED%A0%80', '1%27%20or%20%271%27%3D%271', '..%2F..%2Fetc%2Fpasswd']) {
      out.push({ label: `path=${bad}`, options: { method: method as InjectOptions['method'], url: fill('plausible', bad) } });
    }
  }
  if (writes) {
    if (edge) out.push({ label: 'bad-json', options: { method: method as InjectOptions['method'], url: fill('plausible'), payload: '{"a":', headers: { 'content-type': 'application/json' } } });
    const fields = (valueFor(multipartSchema ?? json, 'plausible', ctx) ?? {}) as Record<string, unknown>;
    for (const upload of uploads) {
      const form = multipartBody(typeof fields === 'object' && fields ? fields : {}, upload);
      out.push({ label: `upload ${upload.name}`, options: { method: method as InjectOptions['method'], url: fill('plausible'), payload: form.payload, headers: form.headers } });
    }
  }
  return out;
}

/** Collects ids by noun from every parameterless GET list (`items[].id`), as `as` sees them. */
export async function collectIds(app: FastifyInstance, spec: OpenApi, headers: Record<string, string>, ctx: SweepContext): Promise<void> {
  for (const [path, ops] of Object.entries(spec.paths)) {
    if (!ops.get || path.includes('{')) continue;
    const res = await app.inject({ method: 'GET', url: path, headers });
    if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
    const body = res.json() as { items?: { id?: unknown }[] };
    const items = Array.isArray(body?.items) ? body.items : [];
    const noun = path.split('/').filter(Boolean).pop()!.replace(/s$/, '').replace(/-/g, '');
    const found = items.map((i) => i?.id).filter((id): id is string => typeof id === 'string');
    if (found.length && !ctx.ids.has(noun)) ctx.ids.set(noun, found);
  }
}

export interface SweepFinding {
  status: number;
  method: string;
  path: string;
  label: string;
  body: string;
  requestId: string;
}

/**
 * Sends every request of every operation with `headers` (a logged-in role) and returns the 5xx.
 * `skip` leaves operations out (logout would end the session).
 */
export async function sweep(app: FastifyInstance, spec: OpenApi, headers: Record<string, string>, ctx: SweepContext, options: { skip?: RegExp[]; uploads?: SweepUpload[]; poisons?: Poison[]; edge?: boolean } = {}): Promise<{ sent: number; findings: SweepFinding[] }> {
  const findings: SweepFinding[] = [];
  let sent = 0;
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const M = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(M)) continue;
      if (options.skip?.some((r) => r.test(`${M} ${path}`))) continue;
      for (const { label, options: req } of requestsFor(M, path, op, ctx, options.uploads ?? [], options.poisons, options.edge)) {
        if (process.env.SWEEP_TRACE) process.stderr.write(`${Date.now() % 100000} ${M} ${path} ${label}\n`);
        const res = await app.inject({ ...req, headers: { ...headers, ...(req.headers as Record<string, string> | undefined) } });
        sent++;
        if (res.statusCode >= 500) findings.push({ status: res.statusCode, method: M, path, label, body: res.body.slice(0, 200), requestId: String(res.headers['x-request-id'] ?? '') });
      }
    }
  }
  return { sent, findings };
}
