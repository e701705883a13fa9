import { describe, expect, it } from 'vitest';
import { PHONE, browserSkipReason, seriousA11yViolations, submitLogin, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

describe.skipIf(Boolean(skipReason))('enterprise portal on a phone (Chromium against `yingshang demo`)', () => {
  const { open } = useServerAndBrowser();

  it('should log the demo enterprise in to /e/, show its own enterprise and messages with big targets and no serious axe violations', async () => {
    const { page } = await open(PHONE);
    await page.goto('/e/enterprise');
    await page.waitForURL(/\/login/);
    await submitLogin(page, 'enterprise', 'yingshang-demo');
    await page.waitForURL(/\/e\//);
    await page.getByRole('heading', { level: 2, name: '我的企业' }).waitFor();
    await page.getByText('统一社会信用代码').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Nothing wider than the phone, and the tab bar's targets are at least 48 px high.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    const tabs = page.getByRole('navigation', { name: '企业端导航' }).getByRole('link');
    expect(await tabs.count()).toBeGreaterThanOrEqual(3);
    for (const box of await Promise.all((await tabs.all()).map((l) => l.boundingBox()))) expect(box!.height).toBeGreaterThanOrEqual(48);

    // A correction request goes to the office.
    await page.getByRole('button', { name: '申请更正登记信息' }).click();
    await page.getByLabel('地址').fill('示范市创新大道88号');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('已提交，营商办审核后生效').waitFor();

    await tabs.filter({ hasText: '我的消息' }).click();
    await page.getByRole('heading', { level: 2, name: '我的消息' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The staff workbench is not for enterprise users.
    await page.goto('/supervision/tasks');
    await page.waitForURL(/\/e\//);
  });
});
