import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { multipart, SMALL_PLAN } from './plans-helpers.ts';

/*
 * Issue 7, text and dates at the edge: NUL and lone surrogates are refused with a 400 naming the
 * field (not a 500 from PostgreSQL), impossible dates are refused, text read from uploads is
 * cleaned with an issue saying so, and an empty scope list never builds `in ()`.
 */
let t: TestApp;
let admin: AuthHeaders;
let office: AuthHeaders;
let regionId: string;

beforeAll(async () => {
  t = await createTestApp();
  regionId = (await buildRegion(t.db, { kind: 'city' })).id;
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
  office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId }));
});
afterAll(() => t.close());

const fieldOf = (body: string) => (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details?.[0]?.field;

describe('NUL and lone surrogates', () => {
  it('anonymous login with NUL in the username: 400 naming body.username', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'adm\u0000in', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(fieldOf(res.body)).toBe('body.username');
  });

  it('q= with NUL on a list: 400 naming querystring.q', async () => {
    for (const url of ['/api/v1/plans?q=%00', '/api/v1/tasks?q=a%00b', '/api/v1/units?q=%00']) {
      const res = await t.app.inject({ method: 'GET', url, headers: office });
      expect(res.statusCode, url).toBe(400);
      expect(fieldOf(res.body), url).toBe('querystring.q');
    }
  });

  it('a lone surrogate in a JSON body: 400 naming the field (also in keys and nested lists)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { name: 'x\ud800', kind: 'county', parentId: regionId } });
    expect(res.statusCode).toBe(400);
    expect(fieldOf(res.body)).toBe('body.name');
    const nested = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: admin, payload: { name: 'u', regionId, kind: 'department', aliases: ['ok', '\udc00'] } });
    expect(nested.statusCode).toBe(400);
    expect(fieldOf(nested.body)).toBe('body.aliases.1');
  });

  it('a NUL in a path parameter: 400, never 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/plans/%00', headers: office });
    expect(res.statusCode).toBe(400);
  });

  it('a pasted plan with NUL in JSON is refused with 400; an uploaded .txt with NUL is a 415, never a 500', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: office, payload: { text: `${SMALL_PLAN}\u0000`, regionId } });
    expect(json.statusCode).toBe(400);
    expect(fieldOf(json.body)).toBe('body.text');
    const form = multipart({ regionId }, { name: 'plan.txt', data: Buffer.from(`${SMALL_PLAN.replace('二、', '二\u0000、')}`) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: { ...office, ...form.headers }, payload: form.payload });
    // The text reader sniffs NUL as binary (415); what other readers return is cleaned (see text-guard.test.ts).
    expect(res.statusCode, res.body).toBe(415);
  });

  it('an uploaded file name with NUL is refused with 400 (multipart part headers)', async () => {
    const form = multipart({ regionId }, { name: 'pl\u0000an.txt', data: SMALL_PLAN });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...office, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('impossible dates', () => {
  it('calendar override on 2026-02-30 or 0000-01-01: 400 naming body.date', async () => {
    for (const date of ['2026-02-30', '0000-01-01', '2026-13-01', '2026-2-3']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/calendar-overrides', headers: admin, payload: { regionId, date, kind: 'holiday' } });
      expect(res.statusCode, date).toBe(400);
      expect(fieldOf(res.body), date).toBe('body.date');
    }
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/calendar-overrides', headers: admin, payload: { regionId, date: '2028-02-29', kind: 'holiday' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('rankings from=2026-02-30 and burden month=0000-01: 400', async () => {
    for (const url of ['/api/v1/rankings?from=2026-02-30', '/api/v1/rankings?to=0000-01-01', '/api/v1/burden?month=0000-01']) {
      const res = await t.app.inject({ method: 'GET', url, headers: office });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
    }
  });

  it('a plan whose text names 2026年2月30日 parses and stores (the date becomes unknown)', async () => {
    const text = SMALL_PLAN.replace('示范市2024年优化营商环境行动方案', '示范市2024年优化营商环境行动方案\n示范市人民政府\n2024年2月30日').replace('2024年6月底前完成', '2024年2月30日前完成');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers: office, payload: { text, regionId } });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('empty scope lists', () => {
  it('rankings and burden as admin (no region): 200', async () => {
    for (const url of ['/api/v1/rankings', '/api/v1/burden', '/api/v1/rankings?by=region']) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin });
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
    }
  });
});

describe('archive bombs over HTTP', () => {
  it('a docx bomb to POST /plans/parse is a 413 with a Chinese message, and the server keeps serving', async () => {
    const { docxBomb } = await import('../helpers/archive-fixtures.ts');
    const form = multipart({ regionId }, { name: 'plan.docx', data: docxBomb(100) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...office, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('UPLOAD_ARCHIVE_TOO_LARGE');
    expect(res.json().error.message).toMatch(/文件解压后过大/);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
