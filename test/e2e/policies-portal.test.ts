import { describe, expect, it } from 'vitest';
import { PHONE, browserSkipReason, seriousA11yViolations, submitLogin, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

describe.skipIf(Boolean(skipReason))('policy supermarket on the enterprise portal (phone, against `yingshang demo`)', () => {
  const { open } = useServerAndBrowser();

  it('should show the 政策体检 with a near miss and its gap, confirm a grant with one tap, show it signed with its trace, and take a review request', async () => {
    const { page } = await open(PHONE);
    await page.goto('/e/');
    await page.waitForURL(/\/login/);
    await submitLogin(page, 'enterprise', 'yingshang-demo');
    await page.waitForURL(/\/e\//);

    // 政策体检 from the tab bar: what it qualifies for, and the near miss with the failing condition and the gap.
    await page.getByRole('navigation', { name: '企业端导航' }).getByRole('link', { name: '政策体检' }).click();
    await page.getByRole('heading', { level: 2, name: '政策体检' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /^可以享受（\d+）$/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: /^差一点就能享受（\d+）$/ }).waitFor();
    const near = page.getByTestId('policy-match').filter({ hasText: '工业企业升规入统奖励' });
    await near.getByText('营业收入1860万元，低于2000万元').waitFor();
    // Each condition's trace: the value used, its source and as-of date.
    await near.getByRole('button', { name: /为什么/ }).click();
    await near.getByText(/^\d{4}年度营业收入1860万元$/).first().waitFor();
    await near.getByText('统计部门年报').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    // 我的补贴 → the grant waiting for confirmation → one tap with the masked bank account on file.
    await page.goto('/e/grants');
    await page.getByRole('heading', { level: 2, name: '我的补贴' }).waitFor();
    await page.getByRole('button', { name: '去确认' }).first().click();
    await page.getByRole('heading', { level: 2, name: '高新技术企业认定奖励' }).waitFor();
    const account = page.getByTestId('payee-account');
    await expect.poll(() => account.textContent()).toMatch(/\*{4}\d{4}$/);
    expect(await account.textContent()).not.toMatch(/\d{8,}/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '确认领取' }).click();
    await page.getByText('已确认，待拨付').first().waitFor();
    expect(await page.getByRole('button', { name: '确认领取' }).count()).toBe(0);

    // Signed, with its trace.
    await page.getByText('已电子签名的兑现决定').waitFor();
    await page.getByText('SM2', { exact: true }).waitFor();
    const trace = page.getByRole('list', { name: '决定依据（逐项条件）' });
    await trace.getByText('具有有效的“高新技术企业”认定').waitFor();
    expect(await trace.getByText('符合', { exact: true }).count()).toBeGreaterThanOrEqual(3);

    // 申请复核 with a reason.
    await page.getByRole('button', { name: '提交复核申请' }).click();
    await page.getByText('请填写复核理由').waitFor();
    await page.getByLabel('复核理由').fill('我单位上年度营业收入应为2100万元，统计数据有误');
    await page.getByRole('button', { name: '提交复核申请' }).click();
    await page.getByText(/已申请复核（.+）：我单位上年度营业收入应为2100万元/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // 政策推送 with the theme subscriptions.
    await page.goto('/e/policy-messages');
    await page.getByRole('heading', { level: 2, name: '政策推送' }).waitFor();
    await page.getByText('免申即享：请确认领取').waitFor();
    await page.getByRole('checkbox', { name: '科技创新' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '科技创新' }).isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
