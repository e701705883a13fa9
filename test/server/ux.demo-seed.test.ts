import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import { loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

interface TaskItem {
  light: string;
  reasons: { code: string }[];
  plan: { id: string };
}

/** The demo seeded as if started at `now`, read back through the API as each demo account sees it. */
async function seededAt(now: Date) {
  const t = await createTestApp();
  apps.push(t);
  t.clock.advance(now.getTime() - Date.now());
  await seedDemo(t.db, { argon2MemoryKib: 1024, now });
  const office = await loginAs(t.app, { username: 'office', password: DEMO_PASSWORD });
  const unit = await loginAs(t.app, { username: 'unit', password: DEMO_PASSWORD });
  const tasks = (await t.app.inject({ url: '/api/v1/tasks?pageSize=200', headers: office })).json() as { total: number; items: TaskItem[] };
  const all: TaskItem[] = [...tasks.items];
  for (let page = 2; all.length < tasks.total; page += 1) all.push(...(await t.app.inject({ url: `/api/v1/tasks?pageSize=200&page=${page}`, headers: office })).json().items);
  const mine = (await t.app.inject({ url: '/api/v1/tasks?mine=true&pageSize=200', headers: unit })).json().items as TaskItem[];
  const reviews = (await t.app.inject({ url: '/api/v1/reviews?pageSize=100', headers: office })).json();
  const count = (items: TaskItem[], light: string) => items.filter((x) => x.light === light).length;
  const mix = Object.fromEntries(['green', 'yellow', 'red', 'grey', 'done'].map((l) => [l, count(all, l)]));
  const reasons = new Map<string, number>();
  for (const x of all) reasons.set(`${x.light}:${x.reasons[0]?.code}`, (reasons.get(`${x.light}:${x.reasons[0]?.code}`) ?? 0) + 1);
  console.log(now.toISOString(), JSON.stringify(mix), JSON.stringify([...reasons]), 'mine', JSON.stringify(mine.map((x) => x.light)), 'reviews', reviews.total);
  return { t, office, unit, all, mine, mix, reviews };
}

describe('demo seeded on any day', () => {
  for (const day of ['2026-03-09T02:00:00Z', '2027-10-20T06:00:00Z']) {
    it(`should show a believable mix when started on ${day.slice(0, 10)}`, async () => {
      const { t, office, all, mine, mix, reviews } = await seededAt(new Date(day));
      expect(all.length).toBeGreaterThan(60);
      expect(mix.green / all.length).toBeGreaterThanOrEqual(0.5);
      expect(mix.yellow).toBeGreaterThan(0);
      expect(mix.red).toBeGreaterThan(0);
      expect(mix.red / all.length).toBeLessThan(0.2);
      expect(mix.done).toBeGreaterThanOrEqual(1);
      expect(reviews.total).toBeGreaterThanOrEqual(3);
      // The liaison has a task in every light.
      for (const light of ['green', 'yellow', 'red', 'done']) expect(mine.map((x) => x.light)).toContain(light);
      // The completion chart rises.
      const dash = await t.app.inject({ url: '/api/v1/dashboard', headers: office });
      expect(dash.statusCode, dash.body).toBe(200);
      const rates = dash.json().completionOverTime.map((x: { rate: number }) => x.rate);
      expect(rates.length).toBeGreaterThanOrEqual(3);
      expect(rates.at(-1)).toBeGreaterThan(rates[0]);
      expect(rates.at(-1)).toBeGreaterThan(0.05);
      // Red tasks carry their reason's code, which the English dashboard translates.
      const red = dash.json().redTasks as { reasonCode: string | null }[];
      expect(red.length).toBeGreaterThan(0);
      expect(red.every((x) => /_OVERDUE$|KPI_MISSED/.test(x.reasonCode ?? ''))).toBe(true);
      // Each seed plan lives under its own real region, with only the units it prints.
      const admin = await loginAs(t.app, { username: 'admin', password: DEMO_PASSWORD });
      const plans = (await t.app.inject({ url: '/api/v1/plans?pageSize=50', headers: admin })).json().items as { regionName: string }[];
      expect(plans.map((p) => p.regionName).sort()).toEqual(['兰州新区', '定西市', '巴音郭楞蒙古自治州', '张掖市', '衢州市'].sort());
      const regions = await t.db.selectFrom('regions').select(['id', 'name', 'code', 'parent_id']).execute();
      const code = (name: string) => regions.find((r) => r.name === name)?.code;
      expect([code('定西市'), code('张掖市'), code('巴音郭楞蒙古自治州'), code('衢州市'), code('兰州市'), code('兰州新区')]).toEqual(['621100', '620700', '652800', '330800', '620100', '620171']);
      const city = regions.find((r) => r.name === '定西市')!;
      expect(regions.filter((r) => r.parent_id === city.id).length).toBeGreaterThanOrEqual(5);
      expect(regions.find((r) => r.name === '兰州新区')!.parent_id).toBe(regions.find((r) => r.name === '兰州市')!.id);
      const units = await t.db.selectFrom('units').innerJoin('regions', 'regions.id', 'units.region_id').select(['units.name', 'units.kind', 'regions.name as region']).execute();
      const inCity = units.filter((u) => u.region === '定西市').map((u) => u.name);
      expect(inCity.some((n) => /衢州|巴州|巴音郭楞|张掖|库尔勒/.test(n))).toBe(false);
      expect(units.find((u) => u.name.includes('人民银行定西'))?.region).toBe('定西市');
      expect(units.filter((u) => /^库尔勒市/.test(u.name)).every((u) => u.kind === 'government' || u.region === '库尔勒市')).toBe(true);
    }, 300_000);
  }
});
