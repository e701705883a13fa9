import { createHash, randomBytes } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/schemas.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findOpen311Key, insertOpen311Key } from './appeals.queries.ts';
import { Loose, Open311KeyBody } from './appeals.schemas.ts';
import { createAppeal } from './appeals.service.ts';

/**
 * Open311 GeoReport v2 (open311/open311.github.io GeoReport_v2): discovery, services (our categories), service
 * definitions, POST requests with an admin-issued api_key, GET requests and one request, as .json or .xml. Only
 * appeals the enterprise allowed to be public are listed; ids are the appeal numbers; status is open or closed.
 */
type Fmt = 'json' | 'xml';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** ISO 8601 with the office offset, as the spec requires a time zone. */
export function w3(date: Date | null): string | null {
  if (!date) return null;
  const local = new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function toXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (typeof value === 'object') return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => toXml(k, v)).join('')}</${name}>`;
  return `<${name}>${esc(String(value))}</${name}>`;
}

/** Sends `items` as the spec's JSON array or as XML under `root` with one `item` element each. */
function send(reply: FastifyReply, fmt: Fmt, root: string, item: string, items: unknown[], status = 200) {
  reply.code(status);
  if (fmt === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
  const inner = items.map((i) => (Array.isArray(i) ? i.map((x) => toXml(item, x)).join('') : toXml(item, i))).join('');
  return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><${root}>${inner}</${root}>`);
}

const fail = (reply: FastifyReply, fmt: Fmt, code: number, description: string) => send(reply, fmt, 'errors', 'error', [{ code, description }], code);

function splitFormat(raw: string): { name: string; fmt: Fmt } | null {
  const m = /^(.+)\.(json|xml)$/.exec(raw);
  return m ? { name: m[1], fmt: m[2] as Fmt } : null;
}

async function listServices(db: Kysely<Database>) {
  // One jurisdiction per install: the categories of the top regions (a county's own categories are not listed).
  const { rows } = await sql<{ code: string; name: string; description: string; keywords: string[] }>`
    select distinct on (c.code) c.code, c.name, c.description, c.keywords
    from appeal_categories c join regions r on r.id = c.region_id where r.parent_id is null order by c.code, c.created_at`.execute(db);
  return rows;
}

const ATTRIBUTES = [
  { variable: true, code: 'enterprise_name', datatype: 'string', required: true, datatype_description: '企业名称 / enterprise name', order: 1, description: '企业名称' },
  { variable: true, code: 'credit_code', datatype: 'string', required: false, datatype_description: '18位统一社会信用代码', order: 2, description: '统一社会信用代码' },
];

interface PublicRow {
  number: string; status: string; reply: string | null; category_code: string; category_name: string; description: string; unit_name: string | null;
  received_at: Date; updated_at: Date; closed_at: Date | null; resolve_due: string | null; location: string | null; lat: number | null; lng: number | null;
}

function presentRequest(r: PublicRow) {
  const closed = r.status === 'closed' || r.status === 'merged';
  return {
    service_request_id: r.number,
    status: closed ? 'closed' : 'open',
    status_notes: closed ? r.reply ?? '' : '',
    service_name: r.category_name,
    service_code: r.category_code,
    description: r.description,
    agency_responsible: r.unit_name ?? '',
    service_notice: '',
    requested_datetime: w3(r.received_at),
    updated_datetime: w3(closed && r.closed_at ? r.closed_at : r.updated_at),
    expected_datetime: r.resolve_due ? `${r.resolve_due}T17:30:00+08:00` : '',
    address: r.location ?? '',
    address_id: '',
    zipcode: '',
    lat: r.lat ?? '',
    long: r.lng ?? '',
    media_url: '',
  };
}

function publicRequests(db: Kysely<Database>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('appeal_categories as c', 'c.id', 'a.category_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.number', 'a.status', 'a.reply', 'c.code as category_code', 'c.name as category_name', 'a.description', 'u.name as unit_name', 'a.received_at', 'a.updated_at', 'a.closed_at', sql<string | null>`to_char(a.resolve_due, 'YYYY-MM-DD')`.as('resolve_due'), 'a.location', 'a.lat', 'a.lng'])
    .where('a.is_public', '=', true);
}

export async function open311Routes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const now = () => app.deps.now();
  const hide = { hide: true };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const key = k.endsWith('[]') ? k.slice(0, -2) : k;
      if (k.endsWith('[]')) out[key] = [...((out[key] as string[]) ?? []), v];
      else out[key] = v;
    }
    done(null, out);
  });

  app.get<{ Params: { file: string } }>('/open311/v2/:file', { schema: hide }, async (request, reply) => {
    const parsed = splitFormat(request.params.file);
    if (!parsed) return fail(reply, 'xml', 404, 'unknown path');
    const { name, fmt } = parsed;
    if (name === 'discovery') {
      const base = `${request.protocol}://${request.host}/open311/v2/`;
      const d = { changeset: '2026-12-03T00:00:00+08:00', contact: '营商办 12345 企业诉求', key_service: 'API keys are issued by the administrator (POST /api/v1/open311-keys)', endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: '2026-12-03T00:00:00+08:00', type: 'production', formats: ['text/xml', 'application/json'] }] };
      if (fmt === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(d));
      const xml = `<?xml version="1.0" encoding="utf-8"?><discovery>${toXml('changeset', d.changeset)}${toXml('contact', d.contact)}${toXml('key_service', d.key_service)}<endpoints><endpoint>${toXml('specification', d.endpoints[0].specification)}${toXml('url', base)}${toXml('changeset', d.changeset)}${toXml('type', 'production')}<formats>${toXml('format', 'text/xml')}${toXml('format', 'application/json')}</formats></endpoint></endpoints></discovery>`;
      return reply.type('text/xml; charset=utf-8').send(xml);
    }
    if (name === 'services') {
      const services = (await listServices(db)).map((s) => ({ service_code: s.code, service_name: s.name, description: s.description, metadata: true, type: 'realtime', keywords: s.keywords.join(','), group: '企业诉求' }));
      return send(reply, fmt, 'services', 'service', services);
    }
    if (name === 'requests') {
      const q = request.query as Record<string, string | undefined>;
      let qb = publicRequests(db);
      if (q.service_request_id) {
        qb = qb.where('a.number', 'in', q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean));
      } else {
        const end = q.end_date ? new Date(q.end_date) : now();
        const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - 90 * 86_400_000);
        if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() - start.getTime() > 90 * 86_400_000) return fail(reply, fmt, 400, 'start_date/end_date must be w3 dates at most 90 days apart');
        qb = qb.where('a.received_at', '>=', start).where('a.received_at', '<=', end);
        if (q.service_code) qb = qb.where('c.code', 'in', q.service_code.split(','));
        if (q.status) {
          const st = q.status.split(',');
          if (!st.includes('open')) qb = qb.where('a.status', 'in', ['closed', 'merged']);
          if (!st.includes('closed')) qb = qb.where('a.status', 'not in', ['closed', 'merged']);
        }
      }
      const rows = await qb.orderBy('a.received_at', 'desc').limit(1000).execute();
      return send(reply, fmt, 'service_requests', 'request', rows.map(presentRequest));
    }
    return fail(reply, fmt, 404, 'unknown path');
  });

  app.get<{ Params: { file: string } }>('/open311/v2/services/:file', { schema: hide }, async (request, reply) => {
    const parsed = splitFormat(request.params.file);
    if (!parsed) return fail(reply, 'xml', 404, 'unknown path');
    const service = (await listServices(db)).find((s) => s.code === parsed.name);
    if (!service) return fail(reply, parsed.fmt, 404, 'service_code not found');
    const def = { service_code: service.code, attributes: ATTRIBUTES.map((a) => ({ ...a, values: [] })) };
    if (parsed.fmt === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
    const attrs = def.attributes.map((a) => `<attribute>${Object.entries(a).filter(([k]) => k !== 'values').map(([k, v]) => toXml(k, v)).join('')}<values></values></attribute>`).join('');
    return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><service_definition>${toXml('service_code', service.code)}<attributes>${attrs}</attributes></service_definition>`);
  });

  app.get<{ Params: { file: string } }>('/open311/v2/requests/:file', { schema: hide }, async (request, reply) => {
    const parsed = splitFormat(request.params.file);
    if (!parsed) return fail(reply, 'xml', 404, 'unknown path');
    const row = await publicRequests(db).where('a.number', '=', parsed.name).executeTakeFirst();
    if (!row) return fail(reply, parsed.fmt, 404, 'service_request_id not found');
    return send(reply, parsed.fmt, 'service_requests', 'request', [presentRequest(row)]);
  });

  app.post<{ Params: { file: string }; Body: Record<string, string | string[]> }>('/open311/v2/:file', { schema: hide }, async (request, reply) => {
    const parsed = splitFormat(request.params.file);
    if (!parsed || parsed.name !== 'requests') return fail(reply, parsed?.fmt ?? 'xml', 404, 'unknown path');
    const fmt = parsed.fmt;
    const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const key = str('api_key') ? await findOpen311Key(db, hashKey(str('api_key'))) : undefined;
    if (!key) return fail(reply, fmt, 403, 'api_key invalid');
    const serviceCode = str('service_code');
    if (!serviceCode) return fail(reply, fmt, 400, 'service_code required');
    if (!(await listServices(db)).some((s) => s.code === serviceCode)) return fail(reply, fmt, 404, 'service_code not found');
    const lat = str('lat'), lng = str('long'), address = str('address_string'), addressId = str('address_id');
    if (!((lat && lng) || address || addressId)) return fail(reply, fmt, 400, 'a location is required: lat and long, address_string or address_id');
    const enterpriseName = str('attribute[enterprise_name]');
    if (!enterpriseName) return fail(reply, fmt, 400, 'attribute[enterprise_name] required');
    const description = str('description');
    if (description.length < 5 || description.length > 4000 || /<[a-z/!]/i.test(description)) return fail(reply, fmt, 400, 'description must be 5..4000 characters of plain text');
    const latN = lat ? Number(lat) : undefined, lngN = lng ? Number(lng) : undefined;
    if ((latN !== undefined && !(latN >= -90 && latN <= 90)) || (lngN !== undefined && !(lngN >= -180 && lngN <= 180))) return fail(reply, fmt, 400, 'lat/long out of range');
    const name = [str('last_name'), str('first_name')].filter(Boolean).join('') || undefined;
    let id: string;
    try {
      id = await createAppeal(db, null, {
        enterpriseName,
        regionId: key.region_id,
        contactName: name,
        contactPhone: str('phone').replace(/[^0-9+\- ]/g, '').slice(0, 30) || undefined,
        categoryCode: serviceCode,
        description,
        location: address || addressId || undefined,
        lat: latN,
        lng: lngN,
        isPublic: true,
      }, now(), { channel: 'open311', by: { id: null, name: `open311:${key.name}`, role: 'system' } });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return fail(reply, fmt, err.status === 404 ? 404 : 400, err.message);
      throw err;
    }
    const row = await db.selectFrom('appeals').select('number').where('id', '=', id).executeTakeFirstOrThrow();
    return send(reply, fmt, 'service_requests', 'request', [{ service_request_id: row.number, service_notice: '已受理，将按工作日时限办理' }]);
  });

  app.post<{ Body: Static<typeof Open311KeyBody> }>(
    '/api/v1/open311-keys',
    { schema: { tags: ['appeals'], summary: 'Issue an Open311 API key (admin); the key is shown once', body: Open311KeyBody, response: { 201: Loose, ...errorResponses } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
      const regionId = request.body.regionId ?? actor.regionId ?? (await db.selectFrom('regions').select('id').where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst())?.id;
      if (!regionId) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
      const key = randomBytes(24).toString('base64url');
      const row = await inTransaction(db, async (trx) => {
        const r = await insertOpen311Key(trx, { name: request.body.name, key_hash: hashKey(key), region_id: regionId, created_by: actor.id });
        await recordAudit(trx, { actor: { id: actor.id, name: actor.username }, action: 'create', entity: 'open311_key', entityId: r.id, regionId, after: { name: r.name } });
        return r;
      });
      return reply.code(201).send({ id: row.id, name: row.name, regionId: row.region_id, apiKey: key });
    },
  );
}
