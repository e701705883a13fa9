import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import { DEMO_POLICIES } from '../../src/server/commands/policy-seeder.ts';
import { verifyGrants } from '../../src/server/modules/policies/grants.service.ts';
import { loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Match { itemTitle: string; mode: string; status: string; gaps: string[]; estimatedAmount: number | null; trace: { value: string | null; source: string | null; asOf: string | null }[] }
interface Grant { id: string; itemTitle: string; status: string; signature: { alg: string } | null; approverName: string | null; policies: { confirm: boolean } }

describe('policy supermarket demo seed', () => {
  let t: TestApp;
  let office: AuthHeaders;
  let enterprise: AuthHeaders;
  let enterpriseId: string;
  // A start day late in the year and one in January (figures of 上年度 and the batch a month back cross the year).
  const now = new Date('2027-01-12T03:00:00Z');

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.advance(now.getTime() - Date.now());
    await seedDemo(t.db, { argon2MemoryKib: 1024, now });
    office = await loginAs(t.app, { username: 'office', password: DEMO_PASSWORD });
    enterprise = await loginAs(t.app, { username: 'enterprise', password: DEMO_PASSWORD });
    enterpriseId = (await t.app.inject({ url: '/api/v1/me', headers: enterprise })).json().enterprise.id;
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('should publish about twenty example items, half of them 免申即享, each with a rule version that passed its tests', async () => {
    const catalogue = (await t.app.inject({ url: '/api/v1/policies', headers: office })).json().items as { isExample: boolean; items: { mode: string; status: string; versions: { testResults: { passed: boolean }[] }[] }[] }[];
    const items = catalogue.flatMap((p) => p.items);
    expect(catalogue.length).toBe(DEMO_POLICIES.length);
    expect(catalogue.every((p) => p.isExample)).toBe(true);
    expect(items.length).toBeGreaterThanOrEqual(18);
    expect(items.filter((i) => i.mode === 'auto').length / items.length).toBeGreaterThanOrEqual(0.4);
    expect(items.some((i) => i.mode === 'fast') && items.some((i) => i.mode === 'info')).toBe(true);
    for (const i of items) {
      expect(i.status).toBe('published');
      expect(i.versions[0].testResults.length).toBeGreaterThanOrEqual(2);
      expect(i.versions[0].testResults.every((r) => r.passed)).toBe(true);
    }
  });

  it('should give the demo enterprise an item it qualifies for, a near miss with its gap, and a grant waiting for its confirmation', async () => {
    const res = await t.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/policy-matches`, headers: enterprise });
    expect(res.statusCode).toBe(200);
    const matches = res.json().items as Match[];
    const eligible = matches.filter((m) => m.status === 'eligible');
    expect(eligible.map((m) => m.itemTitle)).toEqual(expect.arrayContaining(['高新技术企业认定奖励', '科技型中小企业入库奖励', '小微企业稳岗补贴']));
    expect(eligible.every((m) => (m.estimatedAmount ?? 0) > 0)).toBe(true);
    const near = matches.find((m) => m.itemTitle === '工业企业升规入统奖励')!;
    expect(near.status).toBe('near');
    expect(near.gaps).toEqual(['营业收入1860万元，低于2000万元']);
    const used = near.trace.find((l) => l.value?.includes('营业收入'))!;
    expect(used.source).toBe('统计部门年报');
    expect(used.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Another industry is not "almost": no near miss says so.
    expect(matches.filter((m) => m.status === 'near').flatMap((m) => m.gaps).some((g) => g.includes('行业代码'))).toBe(false);

    const grants = (await t.app.inject({ url: '/api/v1/grants', headers: enterprise })).json().items as Grant[];
    const pending = grants.find((g) => g.status === 'awaiting_confirmation')!;
    expect(pending.itemTitle).toBe('高新技术企业认定奖励');
    expect(pending.signature?.alg).toBe('sm2');
    expect(pending.policies.confirm).toBe(true);
    const messages = (await t.app.inject({ url: '/api/v1/portal/policy-messages', headers: enterprise })).json();
    expect(messages.themes).toEqual(expect.arrayContaining(['科技创新']));
    expect(messages.items.length).toBeGreaterThanOrEqual(2);
  });

  it('should hold granted batches approved by a second office user, with confirmed and paid grants, and a batch awaiting approval', async () => {
    const batches = await t.db.selectFrom('grant_batches as b').innerJoin('users as c', 'c.id', 'b.created_by').leftJoin('users as a', 'a.id', 'b.approved_by').select(['b.status', 'b.grant_count', 'c.username as creator', 'a.username as approver']).orderBy('b.created_at').execute();
    const approved = batches.filter((b) => b.status === 'approved');
    expect(approved.length).toBeGreaterThanOrEqual(2);
    for (const b of approved) {
      expect(b.approver).not.toBe(b.creator);
      expect(b.grant_count).toBeGreaterThan(5);
    }
    expect(new Set(approved.map((b) => b.approver))).toEqual(new Set(['office', 'office2']));
    expect(batches.some((b) => b.status === 'pending')).toBe(true);
    const statuses = await t.db.selectFrom('grants').select(['status']).where('decided_at', 'is not', null).execute();
    const count = (s: string) => statuses.filter((g) => g.status === s).length;
    expect(count('awaiting_confirmation')).toBeGreaterThan(0);
    expect(count('confirmed')).toBeGreaterThan(0);
    expect(count('disbursed')).toBeGreaterThan(0);
    const results = (await t.app.inject({ url: '/api/v1/policy-results', headers: office })).json();
    expect(results.totals.disbursed).toBeGreaterThan(0);
    expect(results.daysToMoney.count).toBe(count('disbursed'));
  });

  it('should pass grants verify on every seeded decision', async () => {
    const report = await verifyGrants(t.db);
    expect(report.checked).toBeGreaterThan(20);
    expect(report.failures).toEqual([]);
  });
});
