import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import { loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, { argon2MemoryKib: 1024 });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('supervision demo seed step', () => {
  it('should leave the demo unit liaison with tasks, history and every kind of event to show', async () => {
    const unit = await loginAs(t.app, { username: 'unit', password: DEMO_PASSWORD });
    const office = await loginAs(t.app, { username: 'office', password: DEMO_PASSWORD });
    const mine = await t.app.inject({ url: '/api/v1/tasks?mine=true&pageSize=200', headers: unit });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBeGreaterThanOrEqual(4);
    const lights = new Set(mine.json().items.map((x: { light: string }) => x.light));
    expect(lights.has('done')).toBe(true);
    for (const task of mine.json().items) expect(task.reasons.length).toBeGreaterThan(0);

    const all = await t.app.inject({ url: '/api/v1/tasks?pageSize=200', headers: office });
    expect(all.json().total).toBeGreaterThan(100);
    const count = async (table: 'reports' | 'escalations' | 'task_requests' | 'instructions', where?: [string, string]) => {
      let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (where) q = q.where(where[0] as never, '=', where[1] as never);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    expect(await count('reports', ['status', 'returned'])).toBeGreaterThan(0);
    expect(await count('reports', ['status', 'submitted'])).toBeGreaterThan(0);
    expect(await count('escalations')).toBeGreaterThan(0);
    expect(await count('task_requests', ['status', 'pending'])).toBe(1);
    expect(await count('task_requests', ['status', 'approved'])).toBe(1);
    expect(await count('instructions')).toBe(2);
    const late = await t.db.selectFrom('reports').select('id').where('on_time', '=', false).limit(1).execute();
    expect(late).toHaveLength(1);
    const queue = await t.app.inject({ url: '/api/v1/reviews', headers: office });
    expect(queue.json().total).toBeGreaterThan(0);

    // A second start seeds nothing again.
    expect(await seedDemo(t.db, { argon2MemoryKib: 1024 })).toEqual([]);
  }, 60_000);
});
