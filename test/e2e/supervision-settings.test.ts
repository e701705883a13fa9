/**
 * 督办设置 and the notification bell (issue 4): the office adds a local working-calendar change and sees it
 * listed, a private webhook address is refused with the server's reason, and the unit liaison reads the demo
 * data's notifications on a phone and marks one read.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, browserSkipReason, logIn, seriousA11yViolations, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

describe.skipIf(Boolean(skipReason))('supervision settings and notifications (Chromium against `yingshang demo`)', () => {
  const { open } = useServerAndBrowser();

  /** The bell's accessible name carries the unread count: "消息通知，12 条未读" (no number when all are read). */
  async function unreadCount(page: Page): Promise<number> {
    const bell = page.getByRole('button', { name: /^消息通知/ });
    await bell.waitFor();
    const name = (await bell.getAttribute('aria-label')) ?? '';
    return Number(/(\d+) 条未读/.exec(name)?.[1] ?? 0);
  }

  it('should let the office add a local calendar change and see it listed, with no serious accessibility problems', async () => {
    const { page } = await open(DESKTOP);
    await logIn(page, 'office');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '督查督办' }).click();
    await nav.getByRole('link', { name: '督办设置' }).waitFor();
    await page.goto('/supervision/settings');
    await page.getByRole('heading', { level: 1, name: '督办设置' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '新增调整' }).click();
    const dialog = page.getByRole('dialog', { name: '新增工作日历调整' });
    // A typed date is taken when the field loses focus (Enter would submit the dialog).
    await dialog.getByLabel('日期').fill('2027-02-20');
    await dialog.getByLabel('名称').fill('春节调休上班（本地）');
    // antd draws the radio over a zero-size input: choose it with the keyboard, as a screen-reader user would.
    await dialog.getByRole('radio', { name: '调休上班' }).press('Space');
    expect(await dialog.getByRole('radio', { name: '调休上班' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /2027-02-20.*调休上班.*春节调休上班（本地）.*定西市/ });
    await expect.poll(() => row.count()).toBe(1);

    // The same date twice: the server's reason shows in the dialog, which keeps what was typed.
    await page.getByRole('button', { name: '新增调整' }).click();
    await dialog.getByLabel('日期').fill('2027-02-20');
    await dialog.getByLabel('名称').fill('重复');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('该日期已有调整');
    await dialog.getByRole('button', { name: '取消' }).click();

    // Reload: the change is stored, not only drawn.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '督办设置' }).waitFor();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole('tab', { name: '默认参数' }).click();
    await page.getByLabel('每期第几个工作日前报送').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('should show the server’s reason when a unit webhook points to a private address', async () => {
    const { page } = await open(DESKTOP);
    await logIn(page, 'office');
    await page.goto('/supervision/settings?tab=webhooks');
    await page.getByRole('heading', { level: 1, name: '督办设置' }).waitFor();
    const unit = page.getByLabel('责任单位');
    await unit.click();
    await unit.fill('示范市市场监督管理局');
    await page.waitForLoadState('networkidle');
    await unit.press('Enter');
    await page.getByLabel('推送地址').fill('http://127.0.0.1:8080/hook');
    await page.getByRole('button', { name: '保存推送设置' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('不能指向本机、内网');
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('should show the unit liaison its notifications on a phone and count one down when marked read', async () => {
    const { page } = await open(PHONE);
    await logIn(page, 'unit');
    await expect.poll(() => unreadCount(page)).toBeGreaterThan(0);
    const before = await unreadCount(page);

    await page.getByRole('button', { name: /^消息通知/ }).click();
    const drawer = page.getByRole('dialog', { name: '消息通知' });
    const list = drawer.getByRole('list', { name: '消息通知' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await list.getByRole('link').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await drawer.getByRole('button', { name: /^标为已读：/ }).first().click();
    await expect.poll(() => unreadCount(page)).toBe(before - 1);

    // Still one less after the server is asked again (a reload reads the stored state).
    await page.reload();
    await expect.poll(() => unreadCount(page)).toBe(before - 1);

    // A notification opens its task.
    await page.getByRole('button', { name: /^消息通知/ }).click();
    await list.getByRole('link').first().click();
    await page.waitForURL(/\/supervision\/tasks\/[0-9a-f-]{36}$/);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
  });
});
