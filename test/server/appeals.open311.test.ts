import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildAppealCategory } from './appeals-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

// Field lists of GeoReport v2 (open311/open311.github.io GeoReport_v2/index.md; Service_Discovery.md).
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'];
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const postForm = (url: string, body: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: form(body) });

describe('Open311 GeoReport v2', () => {
  it('should serve discovery, services, definitions and requests with the spec fields, in JSON and XML, and take a POST with an admin key', async () => {
    const city = await buildRegion(t.db);
    const unit = await buildUnit(t.db, { regionId: city.id });
    const code = `road${Math.random().toString(36).slice(2, 6)}`;
    await buildAppealCategory(t.db, city.id, { code, name: '道路设施', unitId: unit.id, keywords: ['道路', '积水'] });
    const admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));

    const disc = (await t.app.inject({ url: '/open311/v2/discovery.json' })).json();
    expect(Object.keys(disc).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(Object.keys(disc.endpoints[0]).sort()).toEqual(['changeset', 'formats', 'specification', 'type', 'url']);
    const discXml = await t.app.inject({ url: '/open311/v2/discovery.xml' });
    expect(discXml.headers['content-type']).toContain('text/xml');
    expect(discXml.body).toContain('<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');

    const services = (await t.app.inject({ url: '/open311/v2/services.json' })).json();
    const svc = services.find((s: { service_code: string }) => s.service_code === code);
    expect(Object.keys(svc)).toEqual(SERVICE_FIELDS);
    expect(svc).toMatchObject({ metadata: true, type: 'realtime', keywords: '道路,积水' });
    expect((await t.app.inject({ url: '/open311/v2/services.xml' })).body).toMatch(new RegExp(`<services>.*<service><service_code>${code}</service_code>`));
    const def = (await t.app.inject({ url: `/open311/v2/services/${code}.json` })).json();
    expect(def.service_code).toBe(code);
    for (const a of def.attributes) expect(Object.keys(a)).toEqual(ATTRIBUTE_FIELDS);
    expect((await t.app.inject({ url: '/open311/v2/services/nope.json' })).statusCode).toBe(404);

    const body = { service_code: code, lat: '30.25', long: '120.16', description: '园区道路积水严重，货车无法通行', 'attribute[enterprise_name]': '示范物流有限公司', first_name: '三', last_name: '张' };
    expect((await postForm('/open311/v2/requests.json', body)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/open311-keys', headers: office, payload: { name: 'x' } })).statusCode).toBe(403);
    const key = await t.app.inject({ method: 'POST', url: '/api/v1/open311-keys', headers: admin, payload: { name: 'FixMyStreet', regionId: city.id } });
    expect(key.statusCode, key.body).toBe(201);
    const api_key = key.json().apiKey;
    expect((await postForm('/open311/v2/requests.json', { ...body, api_key, service_code: '' })).statusCode).toBe(400);
    expect((await postForm('/open311/v2/requests.json', { ...body, api_key, lat: '', long: '' })).statusCode).toBe(400);
    expect((await postForm('/open311/v2/requests.json', { ...body, api_key, service_code: 'nope' })).statusCode).toBe(404);
    const created = await postForm('/open311/v2/requests.json', { ...body, api_key });
    expect(created.statusCode, created.body).toBe(200);
    const [{ service_request_id }] = created.json();
    expect(service_request_id).toMatch(/^SQ\d{14}$/);
    const xmlPost = await postForm('/open311/v2/requests.xml', { ...body, api_key, description: '另一处道路破损需要修补' });
    expect(xmlPost.body).toMatch(/<service_requests><request><service_request_id>SQ\d+<\/service_request_id><service_notice>/);

    const one = (await t.app.inject({ url: `/open311/v2/requests/${service_request_id}.json` })).json();
    expect(one).toHaveLength(1);
    expect(Object.keys(one[0])).toEqual(REQUEST_FIELDS);
    expect(one[0]).toMatchObject({ status: 'open', service_code: code, lat: 30.25, long: 120.16 });
    expect(one[0].requested_datetime).toMatch(W3);
    const list = (await t.app.inject({ url: `/open311/v2/requests.json?service_code=${code}&status=open` })).json();
    expect(list.map((r: { service_request_id: string }) => r.service_request_id)).toContain(service_request_id);
    expect((await t.app.inject({ url: `/open311/v2/requests.json?service_code=${code}&status=closed` })).json()).toEqual([]);
    expect((await t.app.inject({ url: `/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z` })).statusCode).toBe(400);
    const xml = (await t.app.inject({ url: `/open311/v2/requests/${service_request_id}.xml` })).body;
    for (const f of REQUEST_FIELDS) expect(xml).toContain(`<${f}>`);
    expect((await t.app.inject({ url: '/open311/v2/requests/SQ0.json' })).statusCode).toBe(404);
    // a private appeal is never listed
    const row = await t.db.selectFrom('appeals').select('channel').where('number', '=', service_request_id).executeTakeFirstOrThrow();
    expect(row.channel).toBe('open311');
  });
});
