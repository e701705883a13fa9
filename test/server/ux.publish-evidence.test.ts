import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, megabytes } from '../../src/core/supervision/evidence-limits.ts';
import supEn from '../../src/web/i18n/supervision.en.ts';
import supZhCN from '../../src/web/i18n/supervision.zh-CN.ts';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });
const multipart = (name: string, type: string, body: Buffer | string) =>
  Buffer.concat([Buffer.from(`--B0undary\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n--B0undary--\r\n')]);

async function office() {
  const city = await buildRegion(t.db);
  const headers = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  return { city, headers };
}

describe('publishing checks', () => {
  it('should name the measures and printed units that block publishing', async () => {
    const { city, headers } = await office();
    const unit = await buildUnit(t.db, { regionId: city.id });
    const planId = await buildDraftPlan(t.db, city.id, [
      { number: '1.1', leads: [{ printed: '某局', unitId: unit.id }] },
      { number: '1.2', leads: [{ printed: '试点城市政府', unitId: null }] },
      { number: '2.3', leads: [{ printed: '试点城市政府', unitId: null }, { printed: '省商务厅', unitId: null }] },
      { number: '3.1', leads: [] },
    ]);
    const res = await post(`/api/v1/plans/${planId}/publish`, headers, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SUP_UNRESOLVED_UNITS');
    expect(res.json().error.message).toBe('部分举措的牵头单位尚未匹配到单位库，不能发布：「试点城市政府」（举措 1.2、2.3）；「省商务厅」（举措 2.3）；举措 3.1 未写明牵头单位');
    const preview = await get(`/api/v1/plans/${planId}/publish-preview`, headers);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ tasks: 1, message: res.json().error.message });
    expect(preview.json().unresolved).toHaveLength(4);
  });

  it('should count the tasks that would be past due at once, and write nothing', async () => {
    const { city, headers } = await office();
    const unit = await buildUnit(t.db, { regionId: city.id });
    const lead = [{ printed: '某局', unitId: unit.id }];
    const past = await buildDraftPlan(t.db, city.id, [{ leads: lead, deadlines: ['2020-03-31'] }, { leads: lead, deadlines: ['2020-06-30'] }], { baseYear: 2020 });
    const res = await get(`/api/v1/plans/${past}/publish-preview`, headers);
    expect(res.json()).toEqual({ tasks: 2, pastDue: 2, unresolved: [], message: null });
    const next = new Date().getUTCFullYear() + 1;
    const mixed = await buildDraftPlan(t.db, city.id, [{ leads: lead, deadlines: ['2020-03-31'] }, { leads: lead, deadlines: [`${next}-06-30`] }, { leads: lead }], { baseYear: next });
    expect((await get(`/api/v1/plans/${mixed}/publish-preview`, headers)).json()).toMatchObject({ tasks: 3, pastDue: 1 });
    expect(await t.db.selectFrom('tasks').select('id').where('plan_id', 'in', [past, mixed]).execute()).toEqual([]);
    // Out of scope answers like a missing plan.
    const stranger = (await office()).headers;
    expect((await get(`/api/v1/plans/${past}/publish-preview`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/v1/plans/${randomUUID()}/publish-preview`, headers)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/plans/${past}/publish-preview` })).statusCode).toBe(401);
  });
});

describe('evidence beside the report', () => {
  it('should enforce the one limit the form states, and show the evidence in the review queue', async () => {
    const { city, headers } = await office();
    const unit = await buildUnit(t.db, { regionId: city.id });
    const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: unit.id }));
    const next = new Date().getUTCFullYear() + 1;
    const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '某局', unitId: unit.id }], deadlines: [`${next}-06-30`] }], { baseYear: next });
    expect((await post(`/api/v1/plans/${planId}/publish`, headers, {})).statusCode).toBe(200);
    const task = (await get('/api/v1/tasks?mine=true', liaison)).json().items[0];
    expect((await post(`/api/v1/tasks/${task.id}/sign`, liaison)).statusCode).toBe(200);
    const draft = await post(`/api/v1/tasks/${task.id}/reports`, liaison, { summary: '已完成', progress: 40, submit: false });
    expect(draft.statusCode, draft.body).toBe(201);
    const upload = (name: string, type: string, body: Buffer | string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/reports/${draft.json().id}/evidence`, headers: { ...liaison, 'content-type': 'multipart/form-data; boundary=B0undary' }, payload: multipart(name, type, body) });
    const big = await upload('photo.jpg', 'image/jpeg', Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'SUP_EVIDENCE_TOO_LARGE', details: { limitBytes: EVIDENCE_MAX_BYTES } });
    // The form states the same limit (no number of its own in the help text).
    for (const help of [supZhCN.report.evidenceHelp, supEn.report.evidenceHelp]) {
      expect(help).toContain('{{mb}} MB');
      expect(help.replace('{{mb}}', String(megabytes(EVIDENCE_MAX_BYTES)))).not.toMatch(/20 MB/);
    }
    const ok = await upload('现场照片.png', 'image/png', 'png bytes');
    expect(ok.statusCode, ok.body).toBe(201);
    // While a draft it is nobody's to review.
    const before = (await get('/api/v1/reviews', headers)).json();
    expect(before.items.map((i: { report: { id: string } }) => i.report.id)).not.toContain(draft.json().id);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${draft.json().id}`, headers: liaison, payload: { submit: true } })).statusCode).toBe(200);
    const queue = (await get('/api/v1/reviews', headers)).json();
    const item = queue.items.find((i: { report: { id: string } }) => i.report.id === draft.json().id);
    expect(item.report.evidence).toEqual([expect.objectContaining({ id: ok.json().id, name: '现场照片.png', size: 9 })]);
    const inline = await get(`/api/v1/evidence/${ok.json().id}?inline=true`, headers);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(`/api/v1/evidence/${ok.json().id}`, headers)).headers['content-disposition']).toMatch(/^attachment;/);
  });
});

describe('我的任务 by role', () => {
  it('should split a liaison’s tasks into those it leads and those it cooperates on', async () => {
    const { city, headers } = await office();
    const mine = await buildUnit(t.db, { regionId: city.id });
    const other = await buildUnit(t.db, { regionId: city.id });
    const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: mine.id }));
    const next = new Date().getUTCFullYear() + 1;
    const planId = await buildDraftPlan(
      t.db,
      city.id,
      [
        { number: '1', leads: [{ printed: '本单位', unitId: mine.id }], deadlines: [`${next}-06-30`] },
        { number: '2', leads: [{ printed: '他单位', unitId: other.id }], cooperating: [{ printed: '本单位', unitId: mine.id }], deadlines: [`${next}-06-30`] },
      ],
      { baseYear: next },
    );
    expect((await post(`/api/v1/plans/${planId}/publish`, headers, {})).statusCode).toBe(200);
    const list = async (role?: string) => (await get(`/api/v1/tasks?mine=true${role ? `&role=${role}` : ''}`, liaison)).json();
    expect((await list()).total).toBe(2);
    const lead = await list('lead');
    expect(lead.items.map((x: { measureNumber: string; cooperating: boolean }) => [x.measureNumber, x.cooperating])).toEqual([['1', false]]);
    const coop = await list('cooperating');
    expect(coop.items.map((x: { measureNumber: string; cooperating: boolean }) => [x.measureNumber, x.cooperating])).toEqual([['2', true]]);
    expect((await get('/api/v1/tasks?mine=true&role=boss', liaison)).statusCode).toBe(400);
  });
});
