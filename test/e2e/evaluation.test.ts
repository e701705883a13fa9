/**
 * 评价结果 (issue 11): the office sees the demo city's composite index, heat map and ranking with data, opens the
 * explanation of a composite score (whose contributions add up), and runs a what-if that moves the index without
 * storing it; the unit liaison opens its collection round on a phone and sees only its own leaves.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, browserSkipReason, logIn, seriousA11yViolations, useServerAndBrowser } from './harness.ts';

const skipReason = browserSkipReason();

describe.skipIf(Boolean(skipReason))('evaluation page (Chromium against `yingshang demo`)', () => {
  const { open } = useServerAndBrowser();

  it('should show the index with charts, explain a score and simulate a change', async () => {
    const { page } = await open(DESKTOP);
    await logIn(page, 'office');
    await page.goto('/indicators/evaluation');
    await page.getByRole('heading', { level: 1, name: '营商环境评价结果' }).waitFor();
    const ranking = page.getByRole('table', { name: '综合排名' });
    await expect.poll(() => ranking.getByRole('row').count()).toBeGreaterThan(2);
    // The charts are drawn with data (ECharts SVG paths inside each chart).
    // (ECharts' aria option replaces the container's label with its own description, so charts are found by role.)
    const charts = page.locator('div[role="img"]');
    await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < 5; i++) await expect.poll(() => charts.nth(i).locator('path').count()).toBeGreaterThan(5);
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Explain the first region's composite: the contributions add up to the score.
    const first = ranking.getByRole('button', { name: /综合指数 \d+\.\d\d$/ }).first();
    const label = (await first.getAttribute('aria-label'))!;
    const composite = Number(/(\d+\.\d\d)$/.exec(label)![1]);
    await first.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('计算公式').waitFor();
    expect(Number(await drawer.getByTestId('explain-score').innerText())).toBe(composite);
    const total = Number(await drawer.locator('.ant-table-summary td').last().innerText());
    expect(Math.abs(total - composite)).toBeLessThanOrEqual(0.01);
    // A child's score opens its own explanation, down to the DB formula of a leaf.
    await drawer.getByRole('table').getByRole('button').first().click();
    await expect.poll(() => drawer.getByRole('table').getByRole('button').count()).toBeGreaterThan(0);
    await drawer.getByRole('table').getByRole('button').first().click();
    await expect.poll(() => drawer.innerText()).toContain('clamp(');
    // The leaf names where its value came from (填报, 导入, 平台数据自动计算 or 由督办任务KPI计算).
    await expect.poll(() => drawer.getByTestId('explain-source').innerText()).toMatch(/填报|导入|自动计算|督办任务KPI/);
    await page.keyboard.press('Escape');

    // 监测预警: the demo's alerts are listed, each one can be turned into a supervision task.
    const alerts = page.getByRole('table', { name: '监测预警' });
    await expect.poll(() => alerts.getByRole('row').count()).toBeGreaterThan(1);
    expect(await alerts.getByRole('button', { name: '转督办' }).count()).toBeGreaterThan(0);

    // What-if: the first region listed reaches the frontier on one leaf (劳动争议仲裁结案时间, best 15 days); its
    // index rises, nothing is stored.
    await page.getByRole('combobox', { name: '末级指标' }).fill('L02.1');
    await page.keyboard.press('Enter');
    await page.getByRole('spinbutton', { name: '新数值' }).fill('15');
    await page.getByRole('button', { name: '测算' }).click();
    const sim = page.getByRole('table', { name: '模拟测算（不保存）' });
    await expect.poll(() => sim.getByRole('row').count()).toBeGreaterThan(2);
    await expect.poll(async () => (await sim.innerText()).match(/\+\d+\.\d\d/) !== null).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '营商环境评价结果' }).waitFor();
    await page.getByRole('table', { name: '综合排名' }).getByRole('button', { name: label, exact: true }).waitFor({ timeout: 20_000 });
  });

  it('should let the unit fill only its own leaves on a phone', async () => {
    const { page } = await open(PHONE);
    await logIn(page, 'unit');
    await page.goto('/indicators/rounds');
    await page.getByRole('heading', { level: 1, name: '指标填报' }).waitFor();
    await page.getByText('开办时间').first().waitFor();
    expect(await page.getByText('纳税时间').count()).toBe(0);
    await expect.poll(() => page.getByRole('spinbutton').count()).toBeGreaterThan(3);
  });
});
