import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PHONE, browserSkipReason, logIn, seriousA11yViolations, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

/** Logs a browser context's request client in through the API; returns a caller that sends the CSRF token. */
async function apiAs(request: APIRequestContext, username: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (!res.ok()) return null;
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: string; region: { id: string } | null; unit: { id: string } | null } };
  const call = async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const r = await request.fetch(`/api/v1${path}`, { method, headers: { 'x-csrf-token': csrfToken }, data });
    const body = await r.text();
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${body.slice(0, 300)}`);
    return JSON.parse(body) as T;
  };
  return { user, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, data: unknown = {}) => call<T>('POST', p, data) };
}

describe.skipIf(Boolean(skipReason))('政策超市 office pages (Chromium against `yingshang demo`)', () => {
  const server = useServerAndBrowser();
  // The demo seeds thousands of rows; on a shared CI machine pages and signing can be slow.
  const open: typeof server.open = async (device) => {
    const ctx = await server.open(device);
    ctx.page.setDefaultTimeout(60_000);
    ctx.page.setDefaultNavigationTimeout(90_000);
    return ctx;
  };
  const title = `e2e 小微制造业企业稳岗补贴政策 ${Date.now()}`;
  const itemTitle = 'e2e 稳岗补贴';
  let policyId = '';
  let itemId = '';

  it('should let the office find a policy, open its item, see the eligible list, run a batch and be refused its own approval', async () => {
    const { page } = await open();
    // Setup through the API (in contexts of their own): a second office user unless the demo seeds one, and a
    // published 免申即享 item.
    const office = (await apiAs((await open()).context.request, 'office'))!;
    const regionId = office.user.region!.id;
    const admin = await apiAs((await open()).context.request, 'admin');
    const second = await apiAs((await open()).context.request, 'office2');
    if (!second) await admin!.post('/users', { username: 'office2', displayName: '营商局 第二审核人', password: DEMO_PASSWORD, role: 'office', unitId: office.user.unit?.id ?? null, regionId });
    const text = '（一）注册地在本市；（二）制造业企业；（三）小微企业；（四）科技型中小企业；（五）无失信记录。';
    const created = await office.post<{ id: string; items: { id: string }[] }>('/policies', { title, issuer: '示例市人民政府办公室', docNumber: '示例政办发〔2026〕99号', effectiveFrom: '2026-01-01', isExample: true, items: [{ title: itemTitle, mode: 'auto', theme: '稳岗就业', conditionsText: text }] });
    policyId = created.id;
    itemId = created.items[0].id;
    const { drafts } = await office.post<{ drafts: { leaf: unknown; machineCheckable: boolean }[] }>('/policies/draft-rules', { text, regionId, ref: '示例政办发〔2026〕99号' });
    expect(drafts.every((d) => d.machineCheckable)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const profile = { regionPath: `/${regionId}/`, regionName: '本市', industryCode: 'C3981', sizeClass: 'small', tags: [{ tag: '科技型中小企业' }] };
    await office.post(`/policy-items/${itemId}/rule-versions`, {
      validFrom: '2026-01-01',
      rule: { kind: 'all', items: drafts.map((d) => d.leaf) },
      benefit: { kind: 'fixed', amount: 20000 },
      tests: [
        { name: '小型制造业企业：符合', asOf: today, profile, expected: 'true', expectedAmount: 20000 },
        { name: '中型企业：不符合', asOf: today, profile: { ...profile, sizeClass: 'medium' }, expected: 'false' },
      ],
    });

    await logIn(page, 'office');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '政策超市' }).click();
    await page.getByRole('link', { name: '政策目录' }).click();
    await page.getByRole('heading', { level: 1, name: '政策目录' }).waitFor();
    await page.getByRole('searchbox', { name: '搜索政策名称、文号' }).fill(title);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: itemTitle }).click();
    await page.getByRole('heading', { level: 1, name: itemTitle }).waitFor();

    // The eligible list is computed in the database; each row opens its trace.
    await page.getByRole('tab', { name: '符合条件企业' }).click();
    await page.getByText(/共 \d+ 家（测算日期/).waitFor();
    const eligible = Number((await page.getByText(/共 \d+ 家（测算日期/).textContent())!.match(/共 (\d+) 家/)![1]);
    expect(eligible).toBeGreaterThan(0);
    await page.getByRole('button', { name: '判定过程' }).first().click();
    await page.getByRole('dialog').getByText('注册地在').first().waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /关闭|Close/ }).click();

    // Run a batch: totals, then the four-eyes refusal when the same user approves.
    await page.getByRole('tab', { name: '免申即享批次' }).click();
    await page.getByRole('button', { name: '运行批次' }).click();
    await page.getByRole('dialog', { name: '运行批次' }).getByRole('button', { name: '运行' }).click();
    const drawer = page.getByRole('dialog', { name: /^批次：/ });
    await drawer.getByText('金额合计').waitFor();
    await drawer.getByRole('button', { name: /审核通过并签名/ }).click();
    await drawer.getByRole('alert').filter({ hasText: '不能审核自己运行的批次' }).waitFor();
    await expect(drawer.getByRole('alert').textContent()).resolves.toContain('双人复核');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('should let a second office user approve the batch, and show the signed grants to confirm', async () => {
    const { page } = await open();
    await logIn(page, 'office2');
    await page.goto(`/policies/${policyId}/items/${itemId}?tab=batches`);
    await page.getByRole('heading', { level: 1, name: itemTitle }).waitFor();
    await page.getByRole('button', { name: '审核通过' }).click();
    // Approving signs every decision (SM2), which takes a while on a busy machine.
    await page.getByText(/已审核：\d+ 笔兑现决定已签名/).waitFor({ timeout: 120_000 });

    await page.getByRole('link', { name: '兑现记录' }).click();
    await page.getByRole('heading', { level: 1, name: '兑现记录' }).waitFor();
    await page.getByRole('searchbox', { name: '搜索企业或事项' }).fill(itemTitle);
    await page.keyboard.press('Enter');
    const rows = page.getByRole('row').filter({ hasText: itemTitle });
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().textContent()).resolves.toMatch(/待确认.*SM2/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A decision shows its trace, hashes and the SM2 signature.
    await rows.first().getByRole('link').first().click();
    await page.getByText('已签名').first().waitFor();
    await page.getByText('数据快照哈希（SM3）').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('should fit the catalogue and an item on a phone', async () => {
    const { page } = await open(PHONE);
    await logIn(page, 'office');
    await page.goto('/policies');
    await page.getByRole('heading', { level: 1, name: '政策目录' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.goto(`/policies/${policyId}/items/${itemId}?tab=rule`);
    await page.getByRole('heading', { level: 1, name: itemTitle }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
