import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../../src/server/exports/zip-entry.ts';
import { buildRegion, buildUnit, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { multipart } from './plans-helpers.ts';

/*
 * A city with three counties (X, Y, Z), two city departments owning leaves (market: 开办企业, tax: 纳税), and a
 * small tree with fixed frontiers:
 *   A 开办企业 (weight 1): A.1 开办时间 (days, best 0.5, worst 5) · A.2 开办环节 (best 1, worst 6)      — market
 *   B 纳税 (weight 1):     B.1 纳税时间 (hours, best 60, worst 300)                                     — tax
 */
let t: TestApp;
let cityId: string;
let counties: { id: string; name: string }[];
let office: AuthHeaders;
let leader: AuthHeaders;
let countyOffice: AuthHeaders;
let otherOffice: AuthHeaders;
let market: AuthHeaders;
let tax: AuthHeaders;
let enterprise: AuthHeaders;
let marketUnitId: string;
let taxUnitId: string;
let systemId: string;

const NODES = (marketId: string, taxId: string) => [
  { key: 'A', parentKey: null, name: '开办企业', weight: 1 },
  { key: 'A.1', parentKey: 'A', name: '开办时间', isLeaf: true, unitLabel: '工作日', direction: 'lower', frontierMode: 'fixed', best: 0.5, worst: 5, responsibleUnitId: marketId },
  { key: 'A.2', parentKey: 'A', name: '开办环节', isLeaf: true, unitLabel: '个', direction: 'lower', frontierMode: 'fixed', best: 1, worst: 6, responsibleUnitId: marketId },
  { key: 'B', parentKey: null, name: '纳税', weight: 1 },
  { key: 'B.1', parentKey: 'B', name: '纳税时间', isLeaf: true, unitLabel: '小时', direction: 'lower', frontierMode: 'fixed', best: 60, worst: 300, responsibleUnitId: taxId },
];

const inject = (method: 'GET' | 'POST', url: string, headers?: AuthHeaders, payload?: unknown) => t.app.inject({ method, url, headers, payload: payload as never });

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildRegion(t.db, { kind: 'city', name: '评价市' });
  cityId = city.id;
  counties = [];
  for (const name of ['X县', 'Y县', 'Z县']) counties.push(await buildRegion(t.db, { parentId: city.id, kind: 'county', name }));
  const other = await buildRegion(t.db, { kind: 'city', name: '他市' });
  const m = await buildUnit(t.db, { regionId: city.id, name: '评价市市场监管局' });
  const x = await buildUnit(t.db, { regionId: city.id, name: '评价市税务局' });
  marketUnitId = m.id;
  taxUnitId = x.id;
  office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  countyOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: counties[0].id }));
  otherOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: other.id }));
  market = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: m.id, displayName: '市场监管联络员' }));
  tax = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: x.id }));
  enterprise = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise' }));
});

afterAll(async () => {
  await t?.close();
});

describe('indicator systems', () => {
  it('should walk the ladder for POST /indicator-systems', async () => {
    const body = { regionId: cityId, name: '测试体系', nodes: NODES(marketUnitId, taxUnitId) };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/indicator-systems', payload: body })).statusCode).toBe(401);
    const bad = await inject('POST', '/api/v1/indicator-systems', office, { ...body, nodes: [{ ...body.nodes[0], weight: -1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.nodes.0.weight');
    const cyc = await inject('POST', '/api/v1/indicator-systems', office, { ...body, nodes: [{ key: 'a', parentKey: 'b', name: 'a' }, { key: 'b', parentKey: 'a', name: 'b' }] });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().error.code).toBe('IND_TREE_INVALID');
    expect((await inject('POST', '/api/v1/indicator-systems', leader, body)).json().error.code).toBe('FORBIDDEN');
    expect((await inject('POST', '/api/v1/indicator-systems', otherOffice, body)).statusCode).toBe(404);
    const ok = await inject('POST', '/api/v1/indicator-systems', office, body);
    expect(ok.statusCode).toBe(200);
    systemId = ok.json().id;
    expect(ok.json()).toMatchObject({ version: 1, policies: { manage: true, evaluate: true } });
    expect(ok.json().nodes).toHaveLength(5);
  });

  it('should let every internal role of the city read the tree, not other cities; enterprises get 404 like any internal route', async () => {
    expect((await inject('GET', `/api/v1/indicator-systems/${systemId}`, market)).statusCode).toBe(200);
    expect((await inject('GET', `/api/v1/indicator-systems/${systemId}`, countyOffice)).json().policies).toEqual({ manage: false, evaluate: true });
    expect((await inject('GET', `/api/v1/indicator-systems/${systemId}`, otherOffice)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/indicator-systems', enterprise)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/indicator-systems', otherOffice)).json().items.map((s: { id: string }) => s.id)).not.toContain(systemId);
  });

  it('should ship the NDRC template with 18 first-level indicators', async () => {
    const res = await inject('POST', '/api/v1/indicator-systems', office, { regionId: cityId, template: 'ndrc-default' });
    expect(res.statusCode).toBe(200);
    const nodes = res.json().nodes as Array<{ parentKey: string | null; isLeaf: boolean; component: string | null }>;
    expect(res.json().isTemplate).toBe(true);
    expect(nodes.filter((n) => n.parentKey === null)).toHaveLength(18);
    expect(new Set(nodes.filter((n) => n.isLeaf).map((n) => n.component))).toEqual(new Set(['环节', '时间', '成本', '质量']));
  });

  it('should export the tree as .xlsx and import it back as a new system', async () => {
    const res = await inject('GET', `/api/v1/indicator-systems/${systemId}/tree.xlsx`, office);
    expect(res.statusCode).toBe(200);
    const { payload, headers } = multipart({ name: '导入的体系', regionId: cityId }, { name: 'tree.xlsx', data: res.rawPayload });
    const imp = await t.app.inject({ method: 'POST', url: '/api/v1/indicator-systems/import', headers: { ...office, ...headers }, payload });
    expect(imp.statusCode).toBe(200);
    expect(imp.json().nodes.map((n: { key: string; best: number | null }) => [n.key, n.best])).toEqual([['A', null], ['A.1', 0.5], ['A.2', 1], ['B', null], ['B.1', 60]]);
  });
});

describe('values, evaluations, explain, simulate', () => {
  const period = '2025';
  it('should store values all-or-nothing with row-level errors on import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('values');
    ws.addRow(['地区', '指标编码', '数值', '佐证']);
    const rows: Array<[string, string, number | string]> = [
      ['X县', 'A.1', 1], ['X县', 'A.2', 2], ['X县', 'B.1', 100],
      ['Y县', 'A.1', 3], ['Y县', 'A.2', 4], ['Y县', 'B.1', 200],
      ['Z县', 'A.1', 5], ['Z县', 'A.2', 6],
    ];
    for (const r of rows) ws.addRow([...r, '统计年报']);
    ws.addRow(['W县', 'A.1', 'abc', '']);
    const bad = multipart({ systemId, period }, { name: 'v.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/indicator-values/import', headers: { ...office, ...bad.headers }, payload: bad.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IND_VALUES_INVALID');
    expect(res.json().error.details.issues).toEqual([
      { row: 10, column: '地区', message: expect.stringContaining('W县') },
      { row: 10, column: '数值', message: expect.stringContaining('abc') },
    ]);
    expect((await inject('GET', `/api/v1/indicator-values?systemId=${systemId}&period=${period}`, office)).json().total).toBe(0);
    ws.spliceRows(10, 1);
    const good = multipart({ systemId, period }, { name: 'v.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/indicator-values/import', headers: { ...office, ...good.headers }, payload: good.payload });
    expect(ok.json()).toEqual({ imported: 8 });
    const list = (await inject('GET', `/api/v1/indicator-values?systemId=${systemId}&period=${period}`, office)).json();
    expect(list.total).toBe(8);
    expect(list.items[0]).toMatchObject({ source: 'import', evidence: '统计年报', enteredBy: expect.any(String), enteredAt: expect.any(String) });
    // A unit reads only the values of the leaves it owns.
    const mine = (await inject('GET', `/api/v1/indicator-values?systemId=${systemId}&period=${period}`, tax)).json();
    expect(mine.items.map((v: { nodeKey: string }) => v.nodeKey)).toEqual(['B.1', 'B.1']);
  });

  it('should score by distance to frontier, keep missing leaves missing, and rank', async () => {
    /*
     * X: A.1 = 100 × (5 − 1)/4.5 = 88.89, A.2 = 100 × (6 − 2)/5 = 80 → A = 84.44; B.1 = 100 × (300 − 100)/240 = 83.33
     *    composite = (84.44 + 83.33)/2 = 83.89
     * Y: A.1 = 44.44, A.2 = 40 → A = 42.22; B.1 = 41.67 → composite 41.94
     * Z: A.1 = 0, A.2 = 0 → A = 0; B.1 missing → B missing; composite = A alone = 0 (weights re-normalised)
     */
    const res = await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=${period}&depth=2`, office);
    expect(res.statusCode).toBe(200);
    expect(Object.keys((await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=${period}`, office)).json().items[0].scores)).toEqual(['A', 'B']);
    const by = Object.fromEntries(res.json().items.map((i: { region: { name: string } }) => [i.region.name, i]));
    expect(by['X县']).toMatchObject({ composite: 83.89, rank: 1, scores: { A: 84.44, 'A.1': 88.89, B: 83.33 } });
    expect(by['Y县']).toMatchObject({ composite: 41.94, rank: 2 });
    expect(by['Z县']).toMatchObject({ composite: 0, rank: 3, missingLeaves: 1, scores: { B: null, 'B.1': null } });
  });

  it('should explain the composite with contributions that add up, down to the leaf formula', async () => {
    const x = counties[0].id;
    const root = (await inject('GET', `/api/v1/evaluations/explain?node=${systemId}&region=${x}&period=${period}`, leader)).json();
    expect(root.kind).toBe('node');
    const sum = root.children.reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(root.score, 10);
    // Gaps by composite gain: B.1 (100 − 83.33) × 1/2 = 8.33 > A.2 (100 − 80) × 1/4 = 5 > A.1 (100 − 88.89) × 1/4 = 2.78.
    expect(root.gaps.map((g: { key: string }) => g.key)).toEqual(['B.1', 'A.2', 'A.1']);
    const leaf = (await inject('GET', `/api/v1/evaluations/explain?node=${root.children[0].nodeId}&region=${x}&period=${period}`, leader)).json();
    const a1 = leaf.children.find((c: { key: string }) => c.key === 'A.1');
    const e = (await inject('GET', `/api/v1/evaluations/explain?node=${a1.nodeId}&region=${x}&period=${period}`, leader)).json();
    expect(e).toMatchObject({ kind: 'leaf', value: 1, best: 0.5, worst: 5, frontierMode: 'fixed' });
    expect(e.formula).toContain('(5 − 1)/(5 − 0.5)');
    const z = (await inject('GET', `/api/v1/evaluations/explain?node=${systemId}&region=${counties[2].id}&period=${period}`, office)).json();
    expect(z).toMatchObject({ renormalised: true, missingChildren: ['B'] });
    // The county office sees its own county only; another county is not found.
    expect((await inject('GET', `/api/v1/evaluations/explain?node=${systemId}&region=${counties[1].id}&period=${period}`, countyOffice)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=${period}`, countyOffice)).json().items).toHaveLength(1);
    expect((await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=${period}`, market)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=20x5`, office)).statusCode).toBe(400);
  });

  it('should simulate a change without storing it', async () => {
    // Y's 纳税时间 to 60 hours: B = 100, composite = (42.22 + 100)/2 = 71.11, still 2nd.
    const res = await inject('POST', '/api/v1/evaluations/simulate', office, { systemId, period, changes: [{ regionId: counties[1].id, nodeKey: 'B.1', value: 60 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.find((i: { region: { id: string } }) => i.region.id === counties[1].id)).toMatchObject({ before: 41.94, after: 71.11, delta: 29.17, rankBefore: 2, rankAfter: 2 });
    const again = (await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=${period}`, office)).json();
    expect(again.items.find((i: { region: { id: string } }) => i.region.id === counties[1].id).composite).toBe(41.94);
    expect((await inject('POST', '/api/v1/evaluations/simulate', office, { systemId, period, changes: [{ regionId: counties[1].id, nodeKey: 'A', value: 1 }] })).json().error.code).toBe('IND_VALUES_INVALID');
  });

  it('should keep scores comparable year on year with a frontier fixed across versions', async () => {
    // Version 2 keeps v1's fixed frontiers. Same value in 2025 (v1) and 2026 (v2) → the same score; Y improving
    // does not move X's score (a frontier taken from the sample would).
    const v2 = (await inject('POST', '/api/v1/indicator-systems', office, { basedOnId: systemId })).json();
    expect(v2).toMatchObject({ version: 2, lineageId: expect.any(String) });
    const values = [
      { regionId: counties[0].id, nodeKey: 'A.1', value: 1 }, { regionId: counties[0].id, nodeKey: 'A.2', value: 2 }, { regionId: counties[0].id, nodeKey: 'B.1', value: 100 },
      { regionId: counties[1].id, nodeKey: 'A.1', value: 0.5 }, { regionId: counties[1].id, nodeKey: 'A.2', value: 1 }, { regionId: counties[1].id, nodeKey: 'B.1', value: 60 },
    ];
    expect((await inject('POST', '/api/v1/indicator-values', office, { systemId: v2.id, period: '2026', values })).json()).toEqual({ stored: 6 });
    const e25 = (await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=2025`, office)).json();
    const e26 = (await inject('GET', `/api/v1/evaluations?systemId=${v2.id}&period=2026`, office)).json();
    const x = (e: { items: Array<{ region: { id: string }; composite: number }> }) => e.items.find((i) => i.region.id === counties[0].id)!.composite;
    expect(x(e26)).toBe(x(e25));
    const y26 = e26.items.find((i: { region: { id: string } }) => i.region.id === counties[1].id);
    expect(y26).toMatchObject({ composite: 100, rank: 1 });
    // The same values under a sample frontier: X's score depends on the others.
    const sample = (await inject('POST', '/api/v1/indicator-systems', office, { regionId: cityId, nodes: NODES(marketUnitId, taxUnitId).map((n) => (n.best === undefined ? n : { ...n, frontierMode: 'sample', best: null, worst: null })) })).json();
    await inject('POST', '/api/v1/indicator-values', office, { systemId: sample.id, period: '2026', values });
    const s26 = (await inject('GET', `/api/v1/evaluations?systemId=${sample.id}&period=2026`, office)).json();
    expect(x(s26)).toBe(0);
  });
});

describe('collection rounds', () => {
  let roundId: string;
  it('should ask each unit only for the leaves it owns, let the office review, and move the scores', async () => {
    const open = await inject('POST', '/api/v1/indicator-rounds', office, { systemId, period: '2024', dueDate: '2024-12-31' });
    expect(open.statusCode).toBe(200);
    roundId = open.json().id;
    expect(open.json().units.map((u: { unitId: string; leaves: number }) => [u.unitId, u.leaves]).sort()).toEqual([[marketUnitId, 2], [taxUnitId, 1]].sort());
    expect((await inject('POST', '/api/v1/indicator-rounds', leader, { systemId, period: '2024' })).statusCode).toBe(403);
    // The unit was notified through the supervision notifications.
    const n = await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.kind', 'n.entity_id']).where('u.unit_id', '=', marketUnitId).where('n.kind', '=', 'indicator_round').execute();
    expect(n.map((x) => x.entity_id)).toContain(roundId);

    const mine = (await inject('GET', `/api/v1/indicator-rounds/${roundId}`, market)).json();
    expect(mine.leaves.map((l: { key: string }) => l.key)).toEqual(['A.1', 'A.2']);
    expect(mine.entries).toHaveLength(6);
    expect(mine.policies).toMatchObject({ fill: true, review: false });
    expect((await inject('GET', '/api/v1/indicator-rounds', market)).json().items.map((r: { id: string }) => r.id)).toContain(roundId);
    expect((await inject('GET', `/api/v1/indicator-rounds/${roundId}`, otherOffice)).statusCode).toBe(404);

    const wrong = await inject('POST', `/api/v1/indicator-rounds/${roundId}/entries`, market, { entries: [{ nodeKey: 'B.1', regionId: counties[0].id, value: 1 }] });
    expect(wrong.json().error.code).toBe('IND_VALUES_INVALID');
    const entries = counties.flatMap((c, i) => [
      { nodeKey: 'A.1', regionId: c.id, value: 1 + i, evidence: '登记系统统计' },
      { nodeKey: 'A.2', regionId: c.id, value: 2 + i },
    ]);
    const early = await inject('POST', `/api/v1/indicator-rounds/${roundId}/entries`, market, { entries: entries.slice(0, 2), submit: true });
    expect(early.json().error.code).toBe('IND_VALUES_INVALID');
    const sub = await inject('POST', `/api/v1/indicator-rounds/${roundId}/entries`, market, { entries, submit: true });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().myStatus).toBe('submitted');
    expect((await inject('POST', `/api/v1/indicator-rounds/${roundId}/entries`, market, { entries })).json().error.code).toBe('IND_ROUND_SUBMITTED');

    // Before the review nothing counts: 2024 has no scores.
    const before = (await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=2024`, office)).json();
    expect(before.items.every((i: { composite: number | null }) => i.composite === null)).toBe(true);
    expect((await inject('POST', `/api/v1/indicator-rounds/${roundId}/units/${marketUnitId}/review`, market, { decision: 'accept' })).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/indicator-rounds/${roundId}/units/${taxUnitId}/review`, office, { decision: 'accept' })).json().error.code).toBe('IND_ROUND_NOT_SUBMITTED');
    const rev = await inject('POST', `/api/v1/indicator-rounds/${roundId}/units/${marketUnitId}/review`, office, { decision: 'accept' });
    expect(rev.json().units.find((u: { unitId: string }) => u.unitId === marketUnitId).status).toBe('accepted');
    const after = (await inject('GET', `/api/v1/evaluations?systemId=${systemId}&period=2024`, office)).json();
    // X: A.1 = 88.89, A.2 = 80 → A = 84.44; B missing → composite 84.44.
    expect(after.items.find((i: { region: { id: string } }) => i.region.id === counties[0].id)).toMatchObject({ composite: 84.44, rank: 1 });
    const v = (await inject('GET', `/api/v1/indicator-values?systemId=${systemId}&period=2024&nodeKey=A.1`, office)).json().items[0];
    expect(v).toMatchObject({ source: 'round', roundId, enteredBy: '市场监管联络员', evidence: '登记系统统计' });
    expect((await inject('POST', `/api/v1/indicator-rounds/${roundId}/remind`, office)).json()).toEqual({ reminded: 1 });
  });
});

describe('alerts, targets and bulletin', () => {
  it('should raise an alert once and notify the responsible unit and the office', async () => {
    const rule = await inject('POST', '/api/v1/indicator-alert-rules', office, { systemId, nodeKey: 'B.1', kind: 'below', threshold: 50 });
    expect(rule.statusCode).toBe(200);
    const scan = (await inject('POST', '/api/v1/indicator-alerts/scan', office, { systemId, period: '2025' })).json();
    expect(scan.raised.map((a: { regionName: string }) => a.regionName)).toEqual(['Y县']);
    expect((await inject('POST', '/api/v1/indicator-alerts/scan', office, { systemId, period: '2025' })).json().raised).toEqual([]);
    const n = await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.role']).where('n.kind', '=', 'indicator_alert').execute();
    expect(new Set(n.map((x) => x.role))).toEqual(new Set(['unit', 'office']));
  });

  it('should export the evaluation bulletin with a ranking table and a chart image', async () => {
    const res = await inject('GET', `/api/v1/indicator-systems/${systemId}/bulletin.docx?period=2025`, office);
    expect(res.statusCode).toBe(200);
    const xml = (await readZipEntry(res.rawPayload, 'word/document.xml'))!.toString('utf8');
    expect(xml).toContain('综合排名');
    expect(xml).toContain('X县');
    // The zip's directory names the chart image.
    expect(res.rawPayload.includes(Buffer.from('word/media/'))).toBe(true);
    expect((await inject('GET', `/api/v1/indicator-systems/${systemId}/bulletin.docx?period=2025`, market)).statusCode).toBe(403);
  });
});
