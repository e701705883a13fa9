import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildRegion, buildUnit, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { buildAppealCategory } from './appeals-helpers.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

/*
 * A task's KPI feeds the indicator its measure target is linked to: a city plan measure "开办企业时间 ≤ 1 个工作日"
 * led by two county market bureaus, linked to leaf A.1 (开办时间) of a city system. When the office accepts a
 * report carrying the KPI, the county's value is written (source task_kpi, with the task); a returned report writes
 * nothing; the collection round does not ask the unit for that cell again.
 */
let t: TestApp;
let office: AuthHeaders;
let xLiaison: AuthHeaders;
let yLiaison: AuthHeaders;
let xCounty: { id: string };
let yCounty: { id: string };
let systemId: string;
let planId: string;
let xUnitId: string;
let period: string;
let cityId: string;

const post = (url: string, headers: AuthHeaders, payload?: object) => t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const get = (url: string, headers: AuthHeaders) => t.app.inject({ url, headers });
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildRegion(t.db, { kind: 'city', name: '联动市' });
  cityId = city.id;
  xCounty = await buildRegion(t.db, { parentId: city.id, kind: 'county', name: '甲县' });
  yCounty = await buildRegion(t.db, { parentId: city.id, kind: 'county', name: '乙县' });
  const xUnit = await buildUnit(t.db, { regionId: xCounty.id, name: '甲县市场监管局' });
  const yUnit = await buildUnit(t.db, { regionId: yCounty.id, name: '乙县市场监管局' });
  xUnitId = xUnit.id;
  office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  xLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: xUnit.id, displayName: '甲县联络员' }));
  yLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: yUnit.id }));
  const sys = await post('/api/v1/indicator-systems', office, {
    regionId: city.id,
    name: '联动体系',
    nodes: [
      { key: 'A', parentKey: null, name: '开办企业', weight: 1 },
      { key: 'A.1', parentKey: 'A', name: '开办时间', isLeaf: true, unitLabel: '工作日', direction: 'lower', frontierMode: 'fixed', best: 0.5, worst: 5, responsibleUnitId: xUnit.id, cycle: 'year' },
    ],
  });
  expect(sys.statusCode, sys.body).toBe(200);
  systemId = sys.json().id;
  planId = await buildDraftPlan(
    t.db,
    city.id,
    [{ leads: [{ printed: '甲县市场监管局', unitId: xUnit.id }, { printed: '乙县市场监管局', unitId: yUnit.id }], deadlines: [`${year}-06-30`], targets: [{ metric: '开办企业时间', op: '<=', value: 1, unit: '个工作日' }] }],
    { baseYear: year },
  );
});

afterAll(async () => {
  await t?.close();
});

describe('task KPI → indicator value', () => {
  let xTask: { id: string; kpis: { id: string }[] };
  let yTask: { id: string; kpis: { id: string }[] };

  it('should link the measure target to the leaf and publish one task per county unit', async () => {
    const measure = await t.db.selectFrom('plan_measures').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const link = await post('/api/v1/indicator-target-links', office, { systemId, nodeKey: 'A.1', measureId: measure.id, target: 1, targetText: '≤1个工作日' });
    expect(link.statusCode, link.body).toBe(200);
    expect((await post(`/api/v1/plans/${planId}/publish`, office, { cycle: 'monthly' })).statusCode).toBe(200);
    const tasks = (await get(`/api/v1/tasks?planId=${planId}`, office)).json().items;
    xTask = tasks.find((x: { unit: { id: string } }) => x.unit.id === xUnitId);
    yTask = tasks.find((x: { unit: { id: string } }) => x.unit.id !== xUnitId);
    expect(xTask.kpis).toHaveLength(1);
    for (const [task, who] of [[xTask, xLiaison], [yTask, yLiaison]] as const) expect((await post(`/api/v1/tasks/${task.id}/sign`, who)).statusCode).toBe(200);
  });

  it('should write nothing on a returned report and the county value on an accepted one, with the task and the audit', async () => {
    const first = await post(`/api/v1/tasks/${xTask.id}/reports`, xLiaison, { summary: '一窗通办上线', progress: 40, kpiValues: [{ kpiId: xTask.kpis[0].id, actual: 1.5 }], submit: true });
    expect(first.statusCode, first.body).toBe(201);
    period = String(first.json().period).slice(0, 4);
    expect((await post(`/api/v1/reports/${first.json().id}/review`, office, { decision: 'return', comment: '请附登记系统截图' })).statusCode).toBe(200);
    expect((await get(`/api/v1/indicator-values?systemId=${systemId}&period=${period}`, office)).json().items).toEqual([]);

    const second = await post(`/api/v1/tasks/${xTask.id}/reports`, xLiaison, { summary: '压缩至0.8个工作日', progress: 60, kpiValues: [{ kpiId: xTask.kpis[0].id, actual: 0.8 }], submit: true });
    expect(second.statusCode, second.body).toBe(201);
    expect((await post(`/api/v1/reports/${second.json().id}/review`, office, { decision: 'accept' })).statusCode).toBe(200);
    const values = (await get(`/api/v1/indicator-values?systemId=${systemId}&period=${period}`, office)).json().items;
    expect(values).toHaveLength(1);
    expect(values[0]).toMatchObject({ nodeKey: 'A.1', region: { id: xCounty.id }, value: 0.8, source: 'task_kpi', taskId: xTask.id });
    expect(values[0].evidence).toContain('开办企业时间');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'indicator_value').where('region_id', '=', xCounty.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ source: 'task_kpi', taskId: xTask.id, reportId: second.json().id, value: 0.8 });
    // The score moves: 100 × (5 − 0.8)/(5 − 0.5) = 93.33.
    const ev = (await get(`/api/v1/evaluations?systemId=${systemId}&period=${period}`, office)).json();
    expect(ev.items.find((i: { region: { id: string } }) => i.region.id === xCounty.id).composite).toBe(93.33);
    // The explanation of the leaf names its source and the task.
    const leafId = (await get(`/api/v1/indicator-systems/${systemId}`, office)).json().nodes.find((n: { key: string }) => n.key === 'A.1').id;
    const explain = (await get(`/api/v1/evaluations/explain?node=${leafId}&region=${xCounty.id}&period=${period}`, office)).json();
    expect(explain).toMatchObject({ kind: 'leaf', value: 0.8, source: { kind: 'task_kpi', taskId: xTask.id } });
  });

  it('should not ask the unit for that cell again in a collection round', async () => {
    const round = await post('/api/v1/indicator-rounds', office, { systemId, period, title: '年度填报' });
    expect(round.statusCode, round.body).toBe(200);
    const mine = (await get(`/api/v1/indicator-rounds/${round.json().id}`, xLiaison)).json();
    const cell = mine.entries.find((e: { regionId: string }) => e.regionId === xCounty.id);
    expect(cell).toMatchObject({ value: 0.8, fromTaskId: xTask.id });
    // Only the other county's cell is asked for.
    const filled = await post(`/api/v1/indicator-rounds/${round.json().id}/entries`, xLiaison, { entries: [{ nodeKey: 'A.1', regionId: yCounty.id, value: 2 }], submit: true });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json().myStatus).toBe('submitted');
  });
});

describe('monitoring alert → supervision task (转督办)', () => {
  let alertId: string;
  const due = `${year}-03-31`;

  it('should raise an alert on the fed value and turn it into a task for the responsible unit, once, audited', async () => {
    expect((await post('/api/v1/indicator-alert-rules', office, { systemId, nodeKey: 'A.1', kind: 'below', threshold: 95 })).statusCode).toBe(200);
    const scan = (await post('/api/v1/indicator-alerts/scan', office, { systemId, period })).json();
    expect(scan.raised).toHaveLength(1);
    const listed = (await get(`/api/v1/indicator-alerts?systemId=${systemId}`, office)).json().items;
    expect(listed[0]).toMatchObject({ region: { id: xCounty.id }, taskId: null, policies: { openTask: true } });
    alertId = listed[0].id;

    const plansBefore = (await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    // Refused before anything is written: bad deadline, a unit that does not exist (nothing half-made), wrong roles.
    expect((await post(`/api/v1/indicator-alerts/${alertId}/task`, office, { dueDate: '2000-01-01' })).json().error.details[0].field).toBe('body.dueDate');
    expect((await post(`/api/v1/indicator-alerts/${alertId}/task`, office, { dueDate: due, unitId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBeGreaterThanOrEqual(400);
    expect(Number((await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(Number(plansBefore));
    expect((await post(`/api/v1/indicator-alerts/${alertId}/task`, xLiaison, { dueDate: due })).statusCode).toBe(404);

    const res = await post(`/api/v1/indicator-alerts/${alertId}/task`, office, { dueDate: due });
    expect(res.statusCode, res.body).toBe(200);
    const { taskId, planId } = res.json();
    const task = (await get(`/api/v1/tasks/${taskId}`, office)).json();
    expect(task).toMatchObject({ planId, unit: { id: xUnitId }, dueDate: due, status: 'assigned' });
    expect(task.text).toContain('开办时间');
    // The unit sees it in its own list.
    expect((await get(`/api/v1/tasks/${taskId}`, xLiaison)).statusCode).toBe(200);
    expect((await post(`/api/v1/indicator-alerts/${alertId}/task`, office, { dueDate: due })).json().error.code).toBe('IND_ALERT_TASKED');
    const after = (await get(`/api/v1/indicator-alerts?systemId=${systemId}`, office)).json().items[0];
    expect(after).toMatchObject({ taskId, planId, policies: { openTask: false } });
    const audit = await t.db.selectFrom('audit_log').select(['after']).where('entity', '=', 'indicator_alert').where('action', '=', 'open_task').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ taskId, planId, unitId: xUnitId });
  });
});

describe('indicators computed from the appeals (三率)', () => {
  it('should compute a county\'s 响应率 and 满意率 from its appeals, and leave a county without appeals missing', async () => {
    const market = await buildUnit(t.db, { regionId: cityId, name: '联动市市场监管局' });
    await buildAppealCategory(t.db, cityId, { code: 'license', name: '证照办理', unitId: market.id, keywords: ['营业执照'] });
    const ent = await buildEnterprise(t.db, { regionId: xCounty.id, name: '甲县示范有限公司' });
    const entH = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: ent.id }));
    const marketH = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: market.id }));
    const filed = await post('/api/v1/appeals', entH, { description: '我公司申请营业执照变更登记，材料齐全但一直没有办下来。', categoryCode: 'license', isPublic: false });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;
    expect((await post(`/api/v1/appeals/${id}/dispatch`, office, { unitId: market.id })).statusCode).toBe(200);
    expect((await post(`/api/v1/appeals/${id}/sign`, marketH)).statusCode).toBe(200);
    expect((await post(`/api/v1/appeals/${id}/reply`, marketH, { text: '已办理变更登记。' })).statusCode).toBe(200);
    expect((await post(`/api/v1/appeals/${id}/callback`, office, { solved: true, satisfied: true })).statusCode).toBe(200);
    expect((await post(`/api/v1/appeals/${id}/rate`, entH, { rating: 5 })).statusCode).toBe(200);

    const sys = await post('/api/v1/indicator-systems', office, {
      regionId: cityId,
      name: '诉求体系',
      nodes: [
        { key: 'S', parentKey: null, name: '政务服务', weight: 1 },
        { key: 'S.1', parentKey: 'S', name: '企业诉求响应率', isLeaf: true, unitLabel: '%', direction: 'higher', frontierMode: 'fixed', best: 100, worst: 60, provider: 'appeals.response-rate' },
        { key: 'S.2', parentKey: 'S', name: '企业诉求满意率', isLeaf: true, unitLabel: '%', direction: 'higher', frontierMode: 'fixed', best: 100, worst: 60, provider: 'appeals.satisfaction-rate' },
      ],
    });
    expect(sys.statusCode, sys.body).toBe(200);
    const year = new Date(t.clock.now()).toISOString().slice(0, 4);
    const computed = await post('/api/v1/indicator-values/compute', office, { systemId: sys.json().id, period: year });
    expect(computed.statusCode, computed.body).toBe(200);
    const values = (await get(`/api/v1/indicator-values?systemId=${sys.json().id}&period=${year}`, office)).json().items;
    expect(values.map((v: { nodeKey: string; region: { id: string }; value: number; source: string }) => [v.nodeKey, v.region.id, v.value, v.source]).sort()).toEqual([
      ['S.1', xCounty.id, 100, 'computed'],
      ['S.2', xCounty.id, 100, 'computed'],
    ]);
    expect(values[0].evidence).toContain('企业诉求');
  });
});
