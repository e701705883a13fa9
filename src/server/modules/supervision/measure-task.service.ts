import type { Transaction } from 'kysely';
import { publishPlan } from '../../commands/task-assigner.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { createPlan, getPlan, updatePlan } from '../plans/plans.service.ts';
import { officeToday } from './supervision.clock.ts';
import { listTasks } from './tasks.service.ts';

export interface OneMeasureTaskInput {
  /** Plan title (also the measure's heading in the imported text). */
  title: string;
  measureText: string;
  unitId: string;
  dueDate: string;
  /** Region of the plan (the office's). */
  regionId: string;
}

/**
 * Checks a deadline for reform work opened from elsewhere (an appeal cluster, a monitoring alert): from today up
 * to ten years ahead. @throws AppError VALIDATION on body.dueDate.
 */
export function assertMeasureDueDate(dueDate: string, now: Date): void {
  const today = officeToday(now);
  const latest = `${Number(today.slice(0, 4)) + 10}${today.slice(4)}`;
  if (dueDate < today || dueDate > latest) {
    throw new AppError('VALIDATION', `完成时限应在今天（${today}）至 ${latest} 之间`, [{ field: 'body.dueDate', message: `must be between ${today} and ${latest}` }]);
  }
}

/**
 * One measure → one supervised task (一事一方案): a plan through the plans service (import the text, set the lead unit
 * and deadline), published through the supervision service, inside the caller's transaction — the plan and the task
 * land with the caller's own writes, or none does. Used by appeal clusters (热点→改革) and monitoring alerts (预警→督办);
 * the plan and supervision tables are never touched from those modules.
 */
export async function createOneMeasureTask(trx: Transaction<Database>, actor: Actor, input: OneMeasureTaskInput, now: Date): Promise<{ planId: string; taskId: string }> {
  const year = Number(input.dueDate.slice(0, 4));
  const created = await createPlan(trx, actor, { source: { kind: 'text', text: `${input.title}\n一、整改任务\n1. ${input.measureText}`, sourceName: input.title } as never, year, regionId: input.regionId });
  const plan = await getPlan(trx, actor, created.id);
  const parsed = plan.measures.slice(0, 1);
  const body = {
    version: plan.version,
    title: input.title,
    issuer: plan.issuer,
    regionName: plan.regionName,
    issuedOn: officeToday(now),
    baseYear: year,
    defaultUnits: [],
    goals: [],
    measures: (parsed.length > 0 ? parsed : [{ number: '1', path: ['1'], section: null, title: null, text: input.measureText }]).map((m: any) => ({
      number: m.number ?? '1',
      path: m.path ?? ['1'],
      section: m.section ?? null,
      title: m.title ?? null,
      text: m.text || input.measureText,
      leadUnits: [{ printed: 'lead', unitId: input.unitId }],
      cooperatingUnits: [],
      deadlines: [{ text: input.dueDate, date: input.dueDate }],
      targets: [],
    })),
  };
  await updatePlan(trx, actor, created.id, body as never);
  await publishPlan(trx, actor, created.id, {}, now);
  const tasks = await listTasks(trx, actor, { planId: created.id, page: 1, pageSize: 5 } as never, now);
  const task = (tasks.items as { id: string }[])[0];
  return { planId: created.id, taskId: task.id };
}
