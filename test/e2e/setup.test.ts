import { describe, expect, it } from 'vitest';
import { browserSkipReason, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

describe.skipIf(Boolean(skipReason))('first-run setup (Chromium against `yingshang serve`)', () => {
  const { open } = useServerAndBrowser({ command: 'serve' });

  it('should create the first administrator and log in as it', async () => {
    const { page } = await open();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '首次设置' }).waitFor();
    expect(page.url()).toContain('/setup');
    // A production install carries no demo badge.
    await expect(page.getByText('演示数据').count()).resolves.toBe(0);

    await page.getByLabel('管理员用户名').fill('chief');
    await page.getByLabel('姓名').fill('陈管理员');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('确认密码').fill('short');
    await page.getByRole('button', { name: '创建管理员' }).click();
    // The server's password rule, with everything typed still there.
    await page.getByRole('alert').filter({ hasText: /密码/ }).waitFor();
    await expect(page.getByLabel('管理员用户名').inputValue()).resolves.toBe('chief');

    await page.getByLabel('密码', { exact: true }).fill('a-long-enough-password');
    await page.getByLabel('确认密码').fill('a-long-enough-password');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await expect(page.getByRole('banner').getByText('陈管理员').isVisible()).resolves.toBe(true);

    // Setup is over: the page now leads to the login form.
    await page.goto('/setup');
    await expect.poll(() => page.url()).not.toContain('/setup');
  });
});
