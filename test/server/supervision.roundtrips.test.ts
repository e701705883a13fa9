import { randomUUID } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/server/app.ts';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Records the kind (and for SELECT … FOR UPDATE, the lock) of every statement sent through Kysely. */
class StatementLog implements KyselyPlugin {
  readonly statements: string[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const locking = node.kind === 'SelectQueryNode' && (node as { endModifiers?: unknown[] }).endModifiers?.length ? ' for update' : '';
    const into = node.kind === 'InsertQueryNode' ? ` ${node.into?.table.identifier.name}` : '';
    this.statements.push(`${node.kind}${locking}${into}`);
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describe('report submit round trips', () => {
  it('should lock and read the task in one statement and send at most 6 round trips in the transaction (BEGIN and COMMIT included)', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const city = await buildRegion(t.db);
    const lead = await buildUnit(t.db, { regionId: city.id, name: `市场监管局-${randomUUID().slice(0, 6)}` });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    await buildUser(t.db, { role: 'office', regionId: city.id });
    const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: lead.id }));
    const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '市市场监管局', unitId: lead.id }], deadlines: [`${year}-06-30`], targets: [{ metric: '办件满意率', op: '>=', value: 95, unit: '%' }] }], { baseYear: year });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} })).statusCode).toBe(200);
    const task = (await t.app.inject({ url: '/api/v1/tasks?mine=true', headers: liaison })).json().items[0];
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/sign`, headers: liaison })).statusCode).toBe(200);

    const log = new StatementLog();
    // A second app on the same database whose every statement is logged (routes capture `db` when registered).
    const logged = await build({ config: t.config, database: { db: t.db.withPlugin(log), kind: t.database.handle.kind } });
    try {
      const res = await logged.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, headers: liaison, payload: { summary: '进展', progress: 40, kpiValues: [{ kpiId: task.kpis[0].id, actual: 96 }], submit: true } });
      expect(res.statusCode, res.body).toBe(201);
    } finally {
      await logged.close();
    }
    const first = log.statements.findIndex((s) => s.includes('for update'));
    const last = log.statements.findIndex((s) => s === 'InsertQueryNode audit_log');
    expect(first, log.statements.join('\n')).toBeGreaterThanOrEqual(0);
    const inTransaction = log.statements.slice(first, last + 1);
    // lock+read, report with its KPI values, task+KPIs+light+notifications, audit — plus BEGIN and COMMIT.
    expect(inTransaction.length + 2, inTransaction.join('\n')).toBeLessThanOrEqual(6);

    // Behaviour: the office users were notified, the light and KPI actual stored.
    const notes = await t.db.selectFrom('notifications').select('user_id').where('task_id', '=', task.id).where('kind', '=', 'report_submitted').execute();
    expect(notes.length).toBe(2);
    const stored = await t.db.selectFrom('tasks').select(['progress', 'status', 'light_computed_on']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ progress: 40, status: 'in_progress' });
    expect(stored.light_computed_on).not.toBeNull();
    const kpi = await t.db.selectFrom('task_kpis').select(['actual']).where('task_id', '=', task.id).executeTakeFirstOrThrow();
    expect(kpi.actual).toBe(96);
  });
});
