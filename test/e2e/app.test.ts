import { describe, expect, it } from 'vitest';

// Page scripts are passed as strings: this project's TypeScript has no DOM library.
import { PHONE, browserSkipReason, logIn, seriousA11yViolations, submitLogin, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

// One server for the whole file. Its login route allows 20 attempts a minute per client, and this
// file makes about 14: start another file (another server) rather than adding many more logins here.

describe.skipIf(Boolean(skipReason))('web app (Chromium against `yingshang demo`)', () => {
  const { open } = useServerAndBrowser();

  describe('login', () => {
    it('should show the dashboard after logging in as office', async () => {
      const { page } = await open();
      await page.goto('/');
      await expect.poll(() => page.url()).toContain('/login');
      await submitLogin(page, 'office', 'yingshang-demo');
      await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
      await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).count()).resolves.toBe(1);
      // The demo server badges its data.
      await expect(page.getByText('演示数据').first().isVisible()).resolves.toBe(true);
      // Module cards with honest states: plan ingestion is not there yet.
      await expect(page.getByRole('heading', { level: 2, name: '方案解析' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('banner').getByText('营商办').first().isVisible()).resolves.toBe(true);
    });

    it('should say clearly that the password was wrong', async () => {
      const { page } = await open();
      await page.goto('/login');
      await submitLogin(page, 'leader', 'not-the-password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toMatch(/用户名或密码错误/);
      expect(page.url()).toContain('/login');
      // What the user typed stays in the form.
      await expect(page.getByLabel('用户名').inputValue()).resolves.toBe('leader');
    });

    it('should say that the account is locked after repeated wrong passwords', async () => {
      const { page } = await open();
      await page.goto('/login');
      // The server locks after 5 failures in 15 minutes (the previous test may have spent one).
      for (let attempt = 0; attempt < 6; attempt++) {
        const answered = page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/login'));
        await submitLogin(page, 'leader', `wrong-${attempt}`);
        if ((await answered).status() === 429) break;
      }
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.innerText()).toMatch(/锁定.*分钟/);
    });
  });

  describe('language', () => {
    it('should switch the interface to English and remember it', async () => {
      const { page } = await open();
      await logIn(page, 'office');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await expect(page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('Demo data').first().isVisible()).resolves.toBe(true);
      await expect(page.evaluate<string>('document.documentElement.lang')).resolves.toBe('en');
      // English menu labels are longer than the side menu is wide: they wrap, none is cut.
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByText('Supervision', { exact: true }).click();
      await nav.getByRole('link', { name: 'Supervision dashboard' }).waitFor();
      const cut = await nav.getByRole('menuitem').evaluateAll((items) =>
        items.flatMap((item) => [...item.querySelectorAll('span')].filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent)),
      );
      expect(cut).toEqual([]);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    });
  });

  describe('administration', () => {
    it('should let admin create a unit with an alias and find it in the list', async () => {
      const { page } = await open();
      await logIn(page, 'admin');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '系统管理' }).click();
      await page.getByRole('link', { name: '责任单位' }).click();
      await page.getByRole('heading', { level: 1, name: '责任单位' }).waitFor();

      const name = `测试市数据资源管理局${Date.now().toString(36)}`;
      const alias = `数据局${Date.now().toString(36)}`;
      await page.getByRole('button', { name: '新建单位' }).click();
      const dialog = page.getByRole('dialog', { name: '新建单位' });
      await dialog.getByLabel('单位全称').fill(name);
      await dialog.getByLabel('别名').fill(alias);
      await dialog.getByLabel('别名').press('Enter');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('searchbox', { name: '搜索单位' }).fill(alias);
      await page.getByRole('searchbox', { name: '搜索单位' }).press('Enter');
      const row = page.getByRole('row').filter({ hasText: name });
      await row.waitFor();
      await expect(row.getByText(alias, { exact: true }).isVisible()).resolves.toBe(true);

      // A refused save keeps the dialog open with what was typed, and says why.
      await page.getByRole('button', { name: '新建单位' }).click();
      const again = page.getByRole('dialog', { name: '新建单位' });
      await again.getByLabel('单位全称').fill(name);
      await again.getByLabel('简称').fill('数据局');
      await again.getByRole('button', { name: '保存' }).click();
      await again.getByRole('alert').waitFor();
      await expect(again.getByRole('alert').innerText()).resolves.toMatch(/同名/);
      await expect(again.getByLabel('单位全称').inputValue()).resolves.toBe(name);
      await expect(again.getByLabel('简称').inputValue()).resolves.toBe('数据局');
      await again.getByRole('button', { name: '取消' }).click();

      // The audit log shows who created it, with the alias in the "after" snapshot.
      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      const entry = page.getByRole('row').filter({ hasText: '责任单位' }).filter({ hasText: '新建' }).first();
      await entry.getByRole('button', { name: 'admin' }).click();
      await page.getByText('操作人: admin').waitFor();
      await entry.getByRole('button', { name: '展开行' }).click();
      await page.getByRole('cell', { name: JSON.stringify([alias]), exact: true }).waitFor();
    });

    it('should not offer administration to a unit liaison, who can log out', async () => {
      const { page } = await open();
      await logIn(page, 'unit');
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '工作台' }).waitFor();
      await expect(nav.getByText('系统管理').count()).resolves.toBe(0);

      await page.getByRole('banner').getByRole('button', { name: /张三|联络员/ }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    });
  });

  describe('session', () => {
    it('should send the user to the login page when the session is gone, and back after logging in', async () => {
      const { page, context } = await open();
      await logIn(page, 'office');
      await context.clearCookies();
      await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '系统管理' }).click();
      await page.getByRole('link', { name: '用户' }).click();

      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      await expect(page.getByRole('status').filter({ hasText: '登录已过期' }).isVisible()).resolves.toBe(true);
      await submitLogin(page, 'office', 'yingshang-demo');
      await page.getByRole('heading', { level: 1, name: '用户' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/users');
    });
  });

  describe('accessibility (axe-core: no serious or critical violations)', () => {
    it('should pass on the login page', async () => {
      const { page } = await open();
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    it('should pass on the dashboard, the users page and its dialog', async () => {
      const { page } = await open();
      await logIn(page, 'admin');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.goto('/admin/users');
      await page.getByRole('heading', { level: 1, name: '用户' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'admin' }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  });

  describe('phone-sized screen', () => {
    it('should log in and open the menu drawer', async () => {
      const { page } = await open(PHONE);
      await page.goto('/login');
      await submitLogin(page, 'office', 'yingshang-demo');
      await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();

      // No horizontal scrolling on the dashboard.
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      // The top bar fits: the brand reads 营商 in full, every control is on screen, the language button keeps its name.
      const banner = page.getByRole('banner');
      const brand = banner.getByRole('link', { name: /^营商 — / });
      expect(await brand.innerText()).toBe('营商');
      expect(await brand.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
      await banner.getByRole('button', { name: 'English' }).waitFor();
      const rights = await banner.locator('a, button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
      expect(Math.max(...rights)).toBeLessThanOrEqual(390);

      await page.getByRole('button', { name: '打开菜单' }).click();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '工作台' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  });
});
